import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { jitteredRetry } from '../load/dialects.js';
import { RawClient } from '../load/raw-client.js';
import { AURORA_BENCH_FLAGS, AURORA_BIN } from '../servers/aurora.js';
import { type Launched, launch } from '../servers/spawn.js';
import type { RunContext } from './server-runs.js';

/** What one restart measured. */
export interface ReconnectRun {
  readonly clients: number;
  readonly roomSize: number;
  /** From the restarted server listening until the last client had its `resumed`. */
  readonly resumedMs: number;
  /** Clients whose resume said `recovered: false` (a gap in their history). */
  readonly gaps: number;
  /** Clients not resumed when the run gave up. */
  readonly lost: number;
  /** `server_busy` refusals the clients were sent (load shed while the storm lasted). */
  readonly shed: number;
}

const GIVE_UP_MS = 120_000;

/** One client of the storm: its room, its cursor, and whether it is back. */
interface Member {
  readonly nick: string;
  readonly room: string;
  seq: number;
  client: RawClient | undefined;
  resumed: boolean;
}

function start(port: number, dataDir: string, cpu: number | undefined): Promise<Launched> {
  return launch({
    command: process.execPath,
    args: [
      AURORA_BIN,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--data',
      dataDir,
      ...AURORA_BENCH_FLAGS,
    ],
    ready: /ws:\/\/127\.0\.0\.1:(\d+)\/ws/,
    cpu,
  });
}

/**
 * Reconnect storm (Aurora only): `clients` connected in rooms of `roomSize`, a message in every
 * room, then the server restarts (SIGTERM, a new process on the same data and port) and every client
 * comes back at once, as real clients do, resuming its room from the last seq it saw; it retries
 * every 100 to 200 ms while the port is closed, and after `server_busy` when the server asks.
 * Timed from the new server listening to the last `resumed`; every resume must say `recovered`.
 */
export async function runReconnect(
  context: RunContext,
  shape: { readonly clients: number; readonly roomSize: number },
): Promise<ReconnectRun> {
  const dataDir = await mkdtemp(join(tmpdir(), 'aurora-bench-reconnect-'));
  const cpu = context.start.cpu;
  let server = await start(0, dataDir, cpu);
  const port = server.port;
  const members: Member[] = Array.from({ length: shape.clients }, (_, i) => ({
    nick: `u${i}`,
    room: `r${Math.floor(i / shape.roomSize)}`,
    seq: 0,
    client: undefined,
    resumed: false,
  }));
  let gaps = 0;
  let shed = 0;
  let closing = false;

  const connect = (member: Member, resume: boolean): Promise<void> =>
    new Promise((resolve) => {
      const retry = (ms: number) => {
        member.client = undefined;
        if (!closing) setTimeout(() => void connect(member, resume).then(resolve), ms);
      };
      RawClient.open({
        port,
        path: '/ws',
        localAddress: `127.0.0.${2 + (Number(member.nick.slice(1)) % 50)}`,
        onText: (data, begin, end) => {
          const frame = JSON.parse(data.toString('utf8', begin, end)) as {
            type: string;
            seq?: number;
            code?: string;
            retryAfterMs?: number;
            recovered?: boolean;
          };
          if (frame.seq !== undefined && (frame.type === 'message' || frame.type === 'joined'))
            member.seq = Math.max(member.seq, frame.seq);
          if (frame.type === 'joined' && !resume) resolve();
          if (frame.type === 'resumed') {
            if (!frame.recovered) gaps++;
            member.resumed = true;
            resolve();
          }
          if (frame.type === 'error' && frame.code === 'server_busy') {
            shed++;
            const wait = frame.retryAfterMs ?? 1000;
            member.client?.destroy();
            retry(jitteredRetry(wait));
          }
        },
      }).then(
        (client) => {
          member.client = client;
          const hello = resume
            ? `{"type":"hello","v":1,"nick":"${member.nick}","resume":{"${member.room}":${member.seq}}}`
            : `{"type":"hello","v":1,"nick":"${member.nick}","rooms":["${member.room}"]}`;
          client.sendText(hello);
        },
        () => retry(100 + Math.random() * 100),
      );
    });

  const openAll = async (resume: boolean) => {
    let next = 0;
    const worker = async () => {
      while (next < members.length && !closing) await connect(members[next++]!, resume);
    };
    await Promise.all(Array.from({ length: 128 }, worker));
  };

  try {
    await openAll(false);
    // A message in every room, so each cursor points at something to resume from.
    for (let i = 0; i < members.length; i += shape.roomSize)
      members[i]!.client?.sendText(
        `{"type":"say","room":"${members[i]!.room}","text":"before","cid":"b${i}"}`,
      );
    await sleep(1000);
    for (const member of members) member.client = undefined;
    await server.stop(true);
    // Every client comes back at once, retrying until the new server listens.
    const back = Promise.all(members.map((member) => connect(member, true)));
    server = await start(port, dataDir, cpu);
    const listeningAt = performance.now();
    // The give-up timer is cancelled once everyone is back: a pending one would hold the process
    // (and `pnpm bench --quick` in CI) open for the whole two minutes.
    const giveUp = new AbortController();
    await Promise.race([back, sleep(GIVE_UP_MS, undefined, { signal: giveUp.signal }).catch(() => {})]);
    giveUp.abort();
    const resumedMs = performance.now() - listeningAt;
    const run: ReconnectRun = {
      ...shape,
      resumedMs,
      gaps,
      lost: members.filter((member) => !member.resumed).length,
      shed,
    };
    context.log(
      `  ${shape.clients} clients after a restart: all resumed in ${Math.round(resumedMs)} ms, ` +
        `${run.gaps} gaps, ${run.lost} not back, ${run.shed} refused as busy`,
    );
    return run;
  } finally {
    closing = true;
    for (const member of members) member.client?.destroy();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
