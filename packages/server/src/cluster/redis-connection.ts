import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

/** The oldest Redis cluster mode runs on (ZRANGE ... BYSCORE, SET ... GET). */
const MIN_VERSION = [6, 2] as const;

/** Raised at start when Redis cannot be reached or is too old; the message is for people. */
export class RedisUnreachableError extends Error {
  override readonly name = 'RedisUnreachableError';
  /** A stable code, so `bin.ts` prints the message as it is. */
  readonly code = 'REDIS_UNREACHABLE';
}

/** What a connection is for: commands and scripts, or the pub/sub subscription. */
export type ConnectionRole = 'command' | 'subscriber';

/** A Redis URL with its password hidden, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, (_match, auth: string) =>
    auth.includes(':') ? `//${auth.slice(0, auth.indexOf(':'))}:***@` : '//***@',
  );
}

/**
 * Options of every Aurora connection. While Redis is away a command fails at once instead of
 * waiting in a queue (the client gets `store_unavailable` and retries with the same cid), and one
 * that was in flight when the connection dropped is rejected rather than silently sent again; the
 * connection itself reconnects forever.
 */
function options(name: string, connectTimeoutMs: number): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: 5000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    keepAlive: 10_000,
    connectionName: name,
  };
}

/**
 * Opens a connection and waits until it is ready; throws {@link RedisUnreachableError} naming the
 * reason when Redis does not answer within `connectTimeoutMs` or is older than 6.2. Connection
 * errors after that are logged once per outage, never thrown.
 */
export async function connectRedis(
  url: string,
  role: ConnectionRole,
  logger: Logger,
  connectTimeoutMs = 3000,
): Promise<Redis> {
  const redis = new Redis(url, options(`aurora-${role}`, connectTimeoutMs));
  let lastError: Error | undefined;
  let started = false;
  let down = false;
  redis.on('error', (error: Error) => {
    lastError = error;
    if (started && !down) logger.warn('redis connection lost', { role, error: error.message });
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis connection restored', { role });
    down = false;
  });
  try {
    await withTimeout(redis.connect(), connectTimeoutMs + 500);
    await checkVersion(redis);
  } catch (error) {
    redis.disconnect();
    if (error instanceof RedisUnreachableError) throw error;
    const reason = lastError?.message || (error as Error).message || 'no answer';
    throw new RedisUnreachableError(`cannot reach Redis at ${redactUrl(url)}: ${reason}`);
  }
  started = true;
  down = false;
  return redis;
}

/**
 * Pings a connection that looks ready and forces a reconnect when the ping fails: a half-open TCP
 * connection (a silent network partition) would otherwise look connected for minutes, and a
 * subscriber would miss messages without knowing.
 */
export async function probe(redis: Redis, logger: Logger): Promise<void> {
  if (redis.status !== 'ready') return;
  try {
    await redis.ping();
  } catch (error) {
    if (redis.status !== 'ready') return;
    logger.warn('redis did not answer a ping; reconnecting', { error: String(error) });
    redis.disconnect(true);
  }
}

async function checkVersion(redis: Redis): Promise<void> {
  const info = await redis.info('server');
  const version = /redis_version:(\d+)\.(\d+)/.exec(info);
  if (!version) return;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major > MIN_VERSION[0] || (major === MIN_VERSION[0] && minor >= MIN_VERSION[1])) return;
  throw new RedisUnreachableError(
    `Redis ${major}.${minor} is too old for cluster mode; it needs ${MIN_VERSION.join('.')} or later`,
  );
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
