import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHAT_BIN, type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Tmux } from './tmux.js';

// /search through a real aurora-server: a word said early in a long room is found, and Enter shows
// it in its room with the messages around it, although it is far older than what joining loads (50).

const tmux = new Tmux();
let server: ServerProcess;
let configHome = '';
const COUNT = 200;
const EARLY = 12;

/** What alice says: one early line has a word nothing else has. */
const line = (n: number) =>
  n === EARLY ? `line ${n}: the zanzibar plan goes ahead` : `line ${n} of the day, nothing to see`;

/** Posts `COUNT` lines to `room` as alice over one socket, and resolves once the server stored them all. */
async function postAll(url: string, room: string): Promise<void> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    let acked = 0;
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, nick: 'alice' })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'welcome')
        for (let n = 1; n <= COUNT; n++)
          socket.send(JSON.stringify({ type: 'say', room, text: line(n), cid: `line-${n}` }));
      else if (frame.type === 'ack' && ++acked === COUNT) resolve();
      else if (frame.type === 'error') reject(new Error(`${frame.code}: ${frame.message}`));
    });
  });
  socket.close();
}

beforeAll(async () => {
  if (!Tmux.available()) throw new Error('tmux is not installed (.ci/run installs it)');
  if (!existsSync(CHAT_BIN)) throw new Error(`${CHAT_BIN} is missing: run \`pnpm build\` first`);
  // Alice posts her 200 lines at once: the rate limit would make that take minutes.
  server = await startServer({ args: ['--rate', '1000', '--burst', '1000'] });
  configHome = await mkdtemp(join(tmpdir(), 'aurora-e2e-search-'));
  await postAll(server.wsUrl, 'dev');
});

afterAll(async () => {
  tmux.kill();
  await server?.stop();
  if (configHome) await rm(configHome, { recursive: true, force: true });
});

/** The screen with its attributes (reverse video shows as SGR 7). */
const painted = (session: string) => tmux.run('capture-pane', '-p', '-e', '-t', session);

describe.each([
  { columns: 120, rows: 35 },
  { columns: 60, rows: 20 },
])('/search in a $columns x $rows terminal', (size) => {
  const session = `bob${size.columns}`;

  // Paging through 60 lines and waiting out the mark takes a while on a busy machine: 60 s.
  it('finds an early message and Enter shows it in its room with its neighbours', async () => {
    tmux.start(
      session,
      [
        process.execPath,
        CHAT_BIN,
        '--bell',
        'off',
        '--name',
        session,
        '--room',
        'dev',
        '--server',
        server.wsUrl,
      ],
      size,
    );
    await tmux.waitFor(
      session,
      (s) => /online │ #dev/.test(s.split('\n')[0] ?? '') && /line 200 of/.test(s),
      30_000,
    );
    await tmux.typeLine(session, '/search zanzibar');
    const results = await tmux.waitFor(session, /#dev <alice> line 12: the zanzibar/);
    expect(results).toMatch(/Search: zanzibar — 1 result\b/);
    for (const row of results.split('\n')) expect(row.length).toBeLessThanOrEqual(size.columns);

    tmux.keys(session, 'Enter');
    const around = await tmux.waitFor(
      session,
      (s) =>
        /line 12: the zanzibar plan/.test(s) && /line 10 of the day/.test(s) && /line 14 of the day/.test(s),
    );
    expect(around.split('\n')[0]).toMatch(/#dev/);
    expect(around).not.toMatch(/Search: zanzibar/);
    // The message is marked (reverse video) for a moment, then drawn as any other.
    await tmux.waitFor(session, () =>
      painted(session)
        .split('\n')
        .some((row) => row.includes('zanzibar plan') && row.includes('\x1b[7m')),
    );
    await tmux.waitFor(
      session,
      () =>
        !painted(session)
          .split('\n')
          .some((row) => row.includes('zanzibar plan') && row.includes('\x1b[7m')),
      10_000,
    );
    // Reading on down from there loads what lies between it and the newest lines, without a hole.
    let screen = await tmux.waitFor(session, (s) => !/could not be loaded/.test(s));
    for (let page = 0; page < 30 && !/line 6\d of the day/.test(screen); page++) {
      const before = screen;
      tmux.keys(session, 'NPage');
      screen = await tmux.waitFor(session, (s) => s !== before);
    }
    screen = await tmux.waitFor(
      session,
      (s) => /line 6\d of the day/.test(s) && !/could not be loaded/.test(s),
    );
    const shown = [...screen.matchAll(/line (\d+) of the day/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(shown.map((_, i) => shown[0]! + i));
    // End goes back to the newest lines.
    tmux.keys(session, 'End');
    await tmux.waitFor(session, /line 200 of the day/);
    tmux.keys(session, 'C-c');
  }, 60_000);
});
