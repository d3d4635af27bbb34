import type { MembershipEvent } from 'aurora-client';
import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../../testing/render-chat.js';
import { waitForFrame } from '../../testing/wait-for-frame.js';

afterEach(() => cleanup());

const DAY = Date.UTC(2026, 2, 3, 0, 0);
const at = (minute: number) => DAY + 9 * 3_600_000 + minute * 60_000;
/** Rows of the message pane (between the status line and the typing line), without the side panel. */
const paneRows = (screen: string) =>
  screen
    .split('\n')
    .slice(1, -2)
    .map((row) => row.slice(0, 58).trimEnd());
const line = (seq: number) => chat(seq, 'bob', `message ${seq}`, { ts: at(seq) });
const notice = (seq: number, event: MembershipEvent) =>
  chat(seq, event.nick, `${event.nick} …`, { kind: 'system', event, ts: at(seq) });
/** `watcher` started and stopped a tail three times: six notices from seq `from` on. */
const tailRuns = (from: number) =>
  Array.from({ length: 6 }, (_, i) =>
    notice(from + i, { kind: i % 2 === 0 ? 'join' : 'leave', nick: 'watcher' }),
  );
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));

describe('runs of joins and leaves', () => {
  it('draws a run of six notices as one condensed line between the messages around it', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: [line(1), ...tailRuns(2), line(8)] }));
    const rows = paneRows(app.screen()).filter(Boolean);
    expect(rows.slice(-3)).toEqual([
      expect.stringContaining('bob │ message 1'),
      expect.stringContaining('09:02   <-> │ watcher joined and left 3 times'),
      expect.stringContaining('bob │ message 8'),
    ]);
    expect(app.screen()).not.toContain('watcher joined\n');
  });

  it('keeps a run one line while it grows at the bottom, and a lone notice as it is', async () => {
    const app = renderChat();
    await app.server.accept(
      joined('dev', { history: [line(1), notice(2, { kind: 'join', nick: 'pat' }), line(3)] }),
    );
    expect(app.screen()).toContain('09:02   --> │ pat joined');
    for (const message of tailRuns(4)) await app.server.send(message);
    await app.server.send(notice(10, { kind: 'join', nick: 'pat' }));
    const rows = await waitForFrame(
      app.screen,
      (s) => s.includes('pat joined\n') || s.includes('watcher joined and left 3 times, pat joined'),
      'the run with pat in it',
    );
    expect(paneRows(rows).filter(Boolean).slice(-2)).toEqual([
      expect.stringContaining('bob │ message 3'),
      expect.stringContaining('09:04   <-> │ watcher joined and left 3 times, pat joined'),
    ]);
  });

  it('scrolls over a condensed run row by row: each press moves the view by exactly one row', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: [...lines(1, 20), ...tailRuns(21), ...lines(27, 40)] }));
    // What the whole transcript reads as, one row each: the six notices are one row.
    const expected = [
      ...lines(1, 20).map((m) => m.text),
      'watcher joined and left 3 times',
      ...lines(27, 40).map((m) => m.text),
    ];
    const rowOf = (row: string) => expected.findIndex((text) => row.endsWith(`│ ${text}`));
    const bottom = async () => {
      const rows = paneRows(app.screen()).filter((row) => row.includes('│'));
      const at = rows.map(rowOf);
      // The rows shown are consecutive rows of the transcript.
      for (let i = 1; i < at.length; i++) expect(at[i]).toBe(at[i - 1]! + 1);
      return at.at(-1)!;
    };
    expect(await bottom()).toBe(expected.length - 1);
    await app.press(KEYS.pageUp);
    const paged = await bottom();
    expect(paged).toBeLessThan(expected.length - 1);
    for (let press = 1; press <= 12; press++) {
      await app.press(KEYS.shiftUp);
      expect(await bottom()).toBe(paged - press);
    }
    for (let press = 1; press <= 12; press++) {
      await app.press(KEYS.shiftDown);
      expect(await bottom()).toBe(paged - 12 + press);
    }
  });

  it('hides joins, leaves and renames in a room with more members than --quiet-joins', async () => {
    const app = renderChat({ quietJoins: 2 });
    await app.server.accept(
      joined('dev', {
        members: members('alice', 'bob', 'carol'),
        history: [line(1), ...tailRuns(2), notice(8, { kind: 'rename', from: 'pat', nick: 'pat2' }), line(9)],
      }),
    );
    const rows = paneRows(app.screen()).filter(Boolean);
    expect(rows.slice(-2)).toEqual([
      expect.stringContaining('bob │ message 1'),
      expect.stringContaining('bob │ message 9'),
    ]);
    expect(app.screen()).not.toContain('watcher');
  });
});
