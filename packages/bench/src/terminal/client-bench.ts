import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createTheme, limitHeapGrowth, renderChatApp } from 'aurora-chat';
import { Connection, createTimeFormat, type SocketHandlers, systemClock } from 'aurora-client';
import { encodeServerMessage, LIMITS, type ServerMessage } from 'aurora-protocol';
import type { TerminalRun } from '../report/results.js';
import { FakeScreen, Keyboard } from './fake-terminal.js';
import { type PasteShape, pasteText, timePaste } from './paste.js';
import { ROOM, roomMembers, roomMessage, roomMessages } from './transcript.js';

/**
 * The terminal client's frame benchmark, run as its own process so its memory is the client's:
 * the whole Ink app (`ChatApp`, the real `Connection` and reducer) over a fake socket and a fake
 * 120x40 screen. It loads `messages` into the room (a `joined` page, then `history` pages, as
 * scrolling back would), then delivers `rate` new messages a second for `seconds` and times each
 * from the socket handing the frame over to Ink writing the screen. Then it pastes `paste-bytes` of
 * text of each shape into the input and times each until drawn. Prints a TerminalRun as JSON.
 */
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    'paste-bytes': { type: 'string', default: '100000' },
  },
});
const total = Number(values.messages);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const pasteBytes = Number(values['paste-bytes']);
const PAGE = 1000;
const ME = 'bench';

let handlers: SocketHandlers | undefined;
const connection = new Connection({
  url: 'ws://bench.invalid/ws',
  nick: ME,
  rooms: [ROOM],
  client: { name: 'aurora-bench', version: '1' },
  socketFactory: (_url, socketHandlers) => {
    handlers = socketHandlers;
    return { send: () => {}, close: () => {} };
  },
  clock: systemClock,
});
// The heap as the interactive client (runChat) keeps it.
limitHeapGrowth();
const screen = new FakeScreen(120, 40);
const keyboard = new Keyboard();
const ui = {
  theme: createTheme(),
  time: createTimeFormat(),
  clock: systemClock,
  server: 'bench:8000',
  bell: 'off' as const,
};
const app = renderChatApp(
  { connection, nick: ME, ui, ring: () => {}, size: { columns: 120, rows: 40 } },
  {
    stdout: screen as unknown as NodeJS.WriteStream,
    stdin: keyboard as unknown as NodeJS.ReadStream,
    stderr: screen as unknown as NodeJS.WriteStream,
    exitOnCtrlC: false,
    patchConsole: false,
    // Ink draws at most 30 frames a second by default and folds arrivals in between into one frame;
    // a higher cap lets every arrival be drawn and timed on its own.
    maxFps: 1000,
  },
);

/** Hands the client a server frame and waits until the screen it causes has been written. */
async function deliver(message: ServerMessage): Promise<number | undefined> {
  const writes = screen.writes;
  const start = performance.now();
  handlers!.message(encodeServerMessage(message));
  for (let turns = 0; turns < 100_000; turns++) {
    const before = screen.writes;
    await nextTurn();
    if (screen.writes > writes && screen.writes === before) break;
  }
  return screen.writes > writes ? screen.lastWriteAt - start : undefined;
}

while (!handlers) await nextTurn();
handlers.open();
const loadStart = performance.now();
await deliver({
  type: 'welcome',
  v: 1,
  session: 's_bench',
  nick: ME,
  server: { name: 'aurora-server', version: '0.1.0' },
  limits: { ...LIMITS, ratePerSecond: 2, burst: 5 },
});
const newest = Math.max(1, total - PAGE + 1);
await deliver({
  type: 'joined',
  room: ROOM,
  topic: 'releases, incidents and lunch',
  members: roomMembers(ME),
  seq: total,
  history: roomMessages(newest, total),
  more: newest > 1,
});
for (let last = newest - 1; last >= 1; last -= PAGE) {
  const first = Math.max(1, last - PAGE + 1);
  await deliver({ type: 'history', target: ROOM, messages: roomMessages(first, last), more: first > 1 });
}
const loadMs = performance.now() - loadStart;
await sleep(200);

const frames: number[] = [];
const arrivals = Math.round(rate * seconds);
const begin = performance.now();
for (let i = 0; i < arrivals; i++) {
  const due = begin + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const seq = total + 1 + i;
  const frame = await deliver(roomMessage(seq, Date.now()));
  if (frame !== undefined) frames.push(frame);
}
const elapsed = (performance.now() - begin) / 1000;
const memory = process.memoryUsage();

// Pasted into the loaded room, each shape into an empty input; Ctrl+C clears it for the next.
const pasteMs: Record<PasteShape, number> = { lines: 0, oneLine: 0, wide: 0 };
for (const shape of Object.keys(pasteMs) as PasteShape[]) {
  pasteMs[shape] = await timePaste(keyboard, screen, pasteText(shape, pasteBytes));
  keyboard.type('\x03');
  await sleep(100);
}
app.unmount();

frames.sort((a, b) => a - b);
const at = (q: number) => frames[Math.min(frames.length - 1, Math.ceil(q * frames.length) - 1)] ?? Number.NaN;
const result: TerminalRun & {
  loadMs: number;
  achievedPerS: number;
  pasteShapesMs: Record<PasteShape, number>;
} = {
  loadedMessages: total,
  arrivalsPerS: rate,
  frames: frames.length,
  frameP50Ms: at(0.5),
  frameP99Ms: at(0.99),
  frameMaxMs: frames.at(-1) ?? Number.NaN,
  rssMb: memory.rss / 2 ** 20,
  heapMb: memory.heapUsed / 2 ** 20,
  pasteBytes,
  pasteMs: Math.max(...Object.values(pasteMs)),
  pasteShapesMs: pasteMs,
  loadMs,
  achievedPerS: arrivals / elapsed,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
