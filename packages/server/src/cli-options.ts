import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CONFIG, makeConfig, type ServerConfig } from './config.js';
import { LOG_LEVELS, type LogLevel } from './logger.js';
import { SERVER_VERSION } from './version.js';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max)
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
    return parsed;
  };
}

/**
 * A web root given on purpose must hold a build: a typo would otherwise start a server whose page
 * only says the client is not built.
 */
function webRootFolder(value: string): string {
  if (!statSync(value, { throwIfNoEntry: false })?.isDirectory())
    throw new InvalidArgumentError(`--web-root ${value} is not a folder.`);
  if (!existsSync(join(value, 'index.html')))
    throw new InvalidArgumentError(
      `--web-root ${value} has no index.html: point it at a build of the browser client (packages/web/dist after pnpm build), or leave it out.`,
    );
  return value;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new InvalidArgumentError(`${name} must be a number above 0.`);
    return parsed;
  };
}

function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function redisUrl(value: string): string {
  const trimmed = value.trim();
  if (!/^rediss?:\/\/[^\s]+$/.test(trimmed))
    throw new InvalidArgumentError(
      '--redis must be a URL like redis://127.0.0.1:6379 (or rediss:// for TLS).',
    );
  return trimmed;
}

/** The `aurora-server` command line: every flag has an `AURORA_*` environment equivalent. */
export function createProgram(): Command {
  const d = DEFAULT_CONFIG;
  return new Command('aurora-server')
    .description('Aurora chat server: WebSocket rooms and the browser client on one port.')
    .version(SERVER_VERSION, '-v, --version')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (0 picks a free one)')
        .env('AURORA_PORT')
        .default(d.port)
        .argParser(integer('--port', 0, 65535)),
    )
    .addOption(
      new Option('-H, --host <host>', 'address to listen on (0.0.0.0 for every interface)')
        .env('AURORA_HOST')
        .default(d.host),
    )
    .addOption(
      new Option('-d, --data <dir>', 'folder for the SQLite database').env('AURORA_DATA').default(d.dataDir),
    )
    .addOption(
      new Option('--memory', 'keep everything in memory; nothing survives a restart').env('AURORA_MEMORY'),
    )
    .addOption(
      new Option(
        '--redis <url>',
        'run as one node of a cluster on this Redis (redis://host:6379); --data and --memory are then ignored',
      )
        .env('AURORA_REDIS')
        .argParser(redisUrl),
    )
    .addOption(
      new Option(
        '--allowed-origins <list>',
        'comma-separated browser origins allowed besides this server\'s own ("*" for any)',
      )
        .env('AURORA_ALLOWED_ORIGINS')
        .argParser(commaList),
    )
    .addOption(
      new Option(
        '--allowed-hosts <list>',
        'comma-separated host names served besides IP addresses and localhost (.example.com for its subdomains, "*" for any)',
      )
        .env('AURORA_ALLOWED_HOSTS')
        .argParser(commaList),
    )
    .addOption(
      new Option(
        '--admins <list>',
        'comma-separated registered accounts that are server admins (act as owners everywhere, ban server-wide, /kill)',
      )
        .env('AURORA_ADMINS')
        .argParser(commaList),
    )
    .addOption(
      new Option('--log-level <level>', 'error, warn, info or debug')
        .env('AURORA_LOG_LEVEL')
        .default(d.logLevel)
        .choices(LOG_LEVELS),
    )
    .addOption(
      new Option('--web-root <dir>', 'serve the browser client from this folder')
        .env('AURORA_WEB_ROOT')
        .argParser(webRootFolder),
    )
    .addOption(
      new Option('--retention-days <days>', 'delete messages older than this (default: keep everything)')
        .env('AURORA_RETENTION_DAYS')
        .argParser(positiveNumber('--retention-days')),
    )
    .addOption(
      new Option('--retention-messages <n>', 'keep at most this many messages per room or conversation')
        .env('AURORA_RETENTION_MESSAGES')
        .argParser(integer('--retention-messages', 1, Number.MAX_SAFE_INTEGER)),
    )
    .addOption(
      new Option(
        '--search-index <on|off>',
        'keep the SQLite search index; off answers every search with search_unavailable (ignored with --redis)',
      )
        .env('AURORA_SEARCH_INDEX')
        .default('on')
        .choices(['on', 'off']),
    )
    .addOption(
      new Option('--max-payload <bytes>', 'largest WebSocket frame accepted')
        .env('AURORA_MAX_PAYLOAD')
        .default(d.limits.maxFrameBytes)
        .argParser(integer('--max-payload', 1024, 16 * 1024 * 1024)),
    )
    .addOption(
      new Option('--max-connections-per-ip <n>', 'concurrent connections allowed from one address')
        .env('AURORA_MAX_CONNECTIONS_PER_IP')
        .default(d.maxConnectionsPerIp)
        .argParser(integer('--max-connections-per-ip', 1, 1_000_000)),
    )
    .addOption(
      new Option(
        '--max-buffered <bytes>',
        'unsent bytes after which a connection that stopped reading is dropped',
      )
        .env('AURORA_MAX_BUFFERED')
        .default(d.maxBufferedBytes)
        .argParser(integer('--max-buffered', 1024, 1024 ** 3)),
    )
    .addOption(
      new Option('--rate <perSecond>', 'messages per second one connection may keep up')
        .env('AURORA_RATE')
        .default(d.limits.ratePerSecond)
        .argParser(positiveNumber('--rate')),
    )
    .addOption(
      new Option('--burst <n>', 'messages one connection may send at once')
        .env('AURORA_BURST')
        .default(d.limits.burst)
        .argParser(integer('--burst', 1, 1_000_000)),
    )
    .addOption(
      new Option('--edit-window <minutes>', 'how long after sending people may edit a message; 0: never')
        .env('AURORA_EDIT_WINDOW')
        .default(d.limits.editWindowMs / 60_000)
        .argParser(integer('--edit-window', 0, 366 * 24 * 60)),
    )
    .addOption(
      new Option('--hello-timeout <ms>', 'close sockets that have not said hello in this time')
        .env('AURORA_HELLO_TIMEOUT')
        .default(d.limits.helloTimeoutMs)
        .argParser(integer('--hello-timeout', 100, 3_600_000)),
    )
    .addOption(
      new Option(
        '--big-room <members>',
        'rooms with more members than this list joins and leaves as a count, at most once a second',
      )
        .env('AURORA_BIG_ROOM')
        .default(d.limits.bigRoomMembers)
        .argParser(integer('--big-room', 1, 10_000_000)),
    )
    .addOption(
      new Option(
        '--shed-lag <ms>',
        'refuse new connections (server_busy) while the event loop lags this much; 0: never',
      )
        .env('AURORA_SHED_LAG')
        .default(d.limits.shedLagMs)
        .argParser(integer('--shed-lag', 0, 600_000)),
    )
    .addOption(
      new Option('--ping-interval <ms>', 'ping clients this often; two missed pongs drop them')
        .env('AURORA_PING_INTERVAL')
        .default(d.pingIntervalMs)
        .argParser(integer('--ping-interval', 100, 3_600_000)),
    )
    .addOption(
      new Option('--session-days <days>', 'how long a log-in lasts before the password is asked again')
        .env('AURORA_SESSION_DAYS')
        .default(d.sessionTtlMs / 86_400_000)
        .argParser(positiveNumber('--session-days')),
    )
    .addOption(
      new Option(
        '--name-hold-days <days>',
        'how long the name of a deleted account cannot be registered again',
      )
        .env('AURORA_NAME_HOLD_DAYS')
        .default(d.nameHoldMs / 86_400_000)
        .argParser(positiveNumber('--name-hold-days')),
    )
    .addOption(
      new Option('--metrics-port <port>', 'serve Prometheus metrics at /metrics on this port (default: off)')
        .env('AURORA_METRICS_PORT')
        .argParser(integer('--metrics-port', 0, 65535)),
    )
    .addOption(
      new Option('--tls-cert <file>', 'serve https and wss with this PEM certificate (needs --tls-key)').env(
        'AURORA_TLS_CERT',
      ),
    )
    .addOption(new Option('--tls-key <file>', 'the PEM private key of --tls-cert').env('AURORA_TLS_KEY'))
    .addOption(
      new Option('--metrics-host <host>', 'address the metrics port listens on')
        .env('AURORA_METRICS_HOST')
        .default(d.metricsHost),
    );
}

/**
 * The command's arguments without a leading `--`: `pnpm start -- --port 5` (as npm users type it)
 * passes the `--` on, and after it commander would take every flag for an operand.
 */
export function withoutLeadingSeparator(args: readonly string[]): string[] {
  return args[0] === '--' ? args.slice(1) : [...args];
}

/** The parsed options of {@link createProgram}. */
export interface ProgramOptions {
  port: number;
  host: string;
  data: string;
  memory?: boolean | string;
  redis?: string;
  allowedOrigins?: string[];
  allowedHosts?: string[];
  admins?: string[];
  logLevel: LogLevel;
  webRoot?: string;
  retentionDays?: number;
  retentionMessages?: number;
  searchIndex: 'on' | 'off';
  maxPayload: number;
  maxConnectionsPerIp: number;
  maxBuffered: number;
  rate: number;
  burst: number;
  editWindow: number;
  helloTimeout: number;
  bigRoom: number;
  shedLag: number;
  pingInterval: number;
  sessionDays: number;
  nameHoldDays: number;
  metricsPort?: number;
  metricsHost: string;
  tlsCert?: string;
  tlsKey?: string;
}

/** Whether `--memory` (or `AURORA_MEMORY`, where `0`, `false`, `no` and empty mean no) was given. */
export function memoryRequested(memory: boolean | string | undefined): boolean {
  return memory === true || (typeof memory === 'string' && !/^(0|false|no|)$/i.test(memory));
}

/** Turns parsed options into a server config. */
export function toConfig(options: ProgramOptions): ServerConfig {
  const memory = memoryRequested(options.memory);
  return makeConfig({
    host: options.host,
    port: options.port,
    dataDir: memory ? undefined : options.data,
    ...(options.redis === undefined ? {} : { redis: options.redis }),
    allowedOrigins: options.allowedOrigins ?? [],
    allowedHosts: options.allowedHosts ?? [],
    admins: options.admins ?? [],
    logLevel: options.logLevel,
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    retention: {
      ...(options.retentionDays === undefined ? {} : { maxAgeMs: options.retentionDays * 86_400_000 }),
      ...(options.retentionMessages === undefined ? {} : { maxPerTarget: options.retentionMessages }),
    },
    searchIndex: options.searchIndex !== 'off',
    maxConnectionsPerIp: options.maxConnectionsPerIp,
    maxBufferedBytes: options.maxBuffered,
    pingIntervalMs: options.pingInterval,
    sessionTtlMs: options.sessionDays * 86_400_000,
    nameHoldMs: options.nameHoldDays * 86_400_000,
    ...(options.metricsPort === undefined ? {} : { metricsPort: options.metricsPort }),
    metricsHost: options.metricsHost,
    ...(options.tlsCert === undefined && options.tlsKey === undefined
      ? {}
      : { tls: { certFile: options.tlsCert ?? '', keyFile: options.tlsKey ?? '' } }),
    limits: {
      maxFrameBytes: options.maxPayload,
      ratePerSecond: options.rate,
      burst: options.burst,
      editWindowMs: options.editWindow * 60_000,
      helloTimeoutMs: options.helloTimeout,
      bigRoomMembers: options.bigRoom,
      shedLagMs: options.shedLag,
    },
  });
}
