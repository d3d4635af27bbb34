import { chat, joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { displayWidth } from '../../core/wrap.js';
import { KEYS, renderChat } from '../../testing/render-chat.js';
import { waitForFrame } from '../../testing/wait-for-frame.js';

afterEach(() => cleanup());

const DAY = Date.UTC(2026, 2, 3, 0, 0);
const at = (hours: number, minutes: number) => DAY + hours * 3_600_000 + minutes * 60_000;
/** Rows of the message pane (between the status line and the typing line), without the side panel. */
const paneRows = (screen: string, width = 80) =>
  screen
    .split('\n')
    .slice(1, -2)
    .map((row) => row.slice(0, width).trimEnd());
const many = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) =>
    chat(from + i, 'bob', `message ${from + i}`, { ts: at(9, 0) + i * 1000 }),
  );

describe('MessagePane', () => {
  it('shows HH:MM in local time, the sender, and formatting without its markers', async () => {
    const app = renderChat({ size: { columns: 60, rows: 12 } });
    await app.server.accept(
      joined('dev', {
        members: members('alice', 'bob'),
        history: [chat(1, 'bob', 'the build is **green** and `npm test` passes', { ts: at(9, 5) })],
      }),
    );
    expect(app.screen()).toContain('09:05   bob │ the build is green and npm test passes');
    expect(app.screen()).not.toContain('**');
  });

  it('never shows two senders alike: names wider than the column get a row of their own', async () => {
    const app = renderChat({ size: { columns: 60, rows: 14 } });
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }));
    // Bots posting with `send` are not members: the column is as wide as the members' names.
    app.server.sendNow(
      chat(1, 'deploy-bot-production-eu', 'deployed 2.4', { ts: at(9, 5) }),
      chat(2, 'deploy-bot-production-us', 'deployed 2.4', { ts: at(9, 6) }),
    );
    const screen = await waitForFrame(app.screen, (s) => s.includes('deploy-bot-production-us'), 'both bots');
    const rows = paneRows(screen, 60);
    const eu = rows.indexOf('09:05 deploy-bot-production-eu');
    expect(eu).toBeGreaterThan(0);
    expect(rows[eu + 1]).toBe('            │ deployed 2.4');
    expect(rows[eu + 2]).toBe('09:06 deploy-bot-production-us');
  });

  it('draws a day line when the day changes', async () => {
    const app = renderChat();
    await app.server.accept(
      joined('dev', {
        history: [chat(1, 'bob', 'late', { ts: at(23, 58) }), chat(2, 'bob', 'early', { ts: at(24, 3) })],
      }),
    );
    const rows = paneRows(app.screen(), 58);
    const late = rows.findIndex((r) => r.includes('late'));
    expect(rows[late - 1]).toMatch(/─ Tuesday,? 3 March 2026 ─/);
    expect(rows[late + 1]).toMatch(/─ Wednesday,? 4 March 2026 ─/);
    expect(rows[late + 2]).toContain('00:03   bob │ early');
  });

  it('shows joins, leaves, topics and /me actions as such', async () => {
    const app = renderChat();
    await app.server.accept(
      joined('dev', {
        history: [
          chat(1, 'carol', 'carol joined', {
            kind: 'system',
            event: { kind: 'join', nick: 'carol' },
            ts: at(9, 0),
          }),
          chat(2, 'bob', 'waves', { kind: 'action', ts: at(9, 1) }),
          chat(3, 'carol', 'x', {
            kind: 'system',
            event: { kind: 'topic', nick: 'carol', topic: 'release day' },
            ts: at(9, 2),
          }),
          chat(4, 'carol', 'carol left', {
            kind: 'system',
            event: { kind: 'leave', nick: 'carol' },
            ts: at(9, 3),
          }),
        ],
      }),
    );
    const screen = app.screen();
    expect(screen).toContain('09:00   --> │ carol joined');
    expect(screen).toContain('09:01       │ * bob waves');
    expect(screen).toContain('09:02    -- │ carol set the topic: release day');
    expect(screen).toContain('09:03   <-- │ carol left');
  });

  it('wraps long lines and wide characters within a narrow terminal', async () => {
    const app = renderChat({ size: { columns: 40, rows: 14 } });
    await app.server.accept(
      joined('dev', {
        history: [chat(1, 'bob', `${'long words '.repeat(8)}日本語のテキスト👍🏽 end`, { ts: at(9, 0) })],
      }),
    );
    const rows = app.screen().split('\n');
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(40);
    const body = rows.filter((row) => / │ /.test(row) && !row.includes('online'));
    // Continuation lines keep the separator column, so the gutter runs down the whole message.
    expect(body.length).toBeGreaterThan(2);
    const column = body[0]!.indexOf('│');
    for (const row of body.slice(1)) expect(row.indexOf('│')).toBe(column);
    for (const row of body.slice(1)) expect(row.slice(0, column).trim()).toBe('');
    const text = body
      .map((row) => row.slice(row.indexOf('│ ') + 2))
      .join('')
      .replace(/\s/g, '');
    expect(text).toContain(`${'longwords'.repeat(8)}日本語のテキスト👍🏽end`.replace(/\s/g, ''));
  });

  it('follows new messages while at the bottom', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(30) }));
    await app.server.send(chat(31, 'bob', 'fresh', { ts: at(9, 30) }));
    expect(paneRows(app.screen()).at(-1)).toContain('bob │ fresh');
  });

  it('scrolls back by page and line, keeps still while messages arrive, and returns with End', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(40) }));
    await app.press(KEYS.pageUp);
    const scrolled = paneRows(app.screen());
    expect(scrolled.join('\n')).not.toContain('message 40');
    expect(scrolled.at(-1)).toContain('more below · End to jump down');
    await app.server.send(
      chat(41, 'bob', 'news', { ts: at(10, 0) }),
      chat(42, 'bob', 'more news', { ts: at(10, 1) }),
    );
    const after = paneRows(app.screen());
    expect(after.slice(0, -1)).toEqual(scrolled.slice(0, -1));
    expect(after.at(-1)).toContain('2 new messages · End to jump down');
    await app.press(KEYS.shiftDown);
    expect(paneRows(app.screen()).at(-2)).not.toBe(scrolled.at(-2));
    await app.press(KEYS.end);
    expect(paneRows(app.screen()).at(-1)).toContain('more news');
  });

  it('brings the view down to my own line when I send while scrolled up, counting nothing new', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(40) }));
    await app.press(KEYS.pageUp);
    await waitForFrame(
      app.screen,
      (s) => (paneRows(s).at(-1) ?? '').includes('End to jump down'),
      'scrolled',
    );
    await app.type('back to work');
    await app.press(KEYS.enter);
    const sent = await waitForFrame(
      app.screen,
      (s) => paneRows(s).some((row) => row.includes('alice │ back to work')),
      'my line at the bottom',
    );
    expect(paneRows(sent).join('\n')).not.toContain('End to jump down');
    expect(paneRows(sent).join('\n')).toContain('message 40');
  });

  it('fetches older history when scrolled past the oldest loaded message', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(20, 101), more: true }));
    expect(app.server.received().filter((m) => m.type === 'history')).toEqual([]);
    await app.press(KEYS.pageUp, KEYS.pageUp, KEYS.pageUp);
    const requests = app.server.received().filter((m) => m.type === 'history');
    expect(requests).toEqual([{ type: 'history', target: 'dev', before: 101, limit: 100 }]);
    await app.server.send({ type: 'history', target: 'dev', messages: many(100, 1), more: false });
    await app.press(KEYS.pageUp);
    expect(app.screen()).toContain('message 100');
  });

  it('goes to a message further back with /goto, loading the history around it, and says who reacted', async () => {
    const app = renderChat();
    const history = many(20, 101);
    history[19] = {
      ...history[19]!,
      replyTo: 5,
      rev: 121,
      reactions: [{ emoji: '👍', who: ['alice', 'carol'] }],
    };
    await app.server.accept(joined('dev', { history, more: true, seq: 121 }));
    expect(paneRows(app.screen()).join('\n')).toContain('↳ message 5');
    await app.type('/reactions 120');
    await app.press(KEYS.enter);
    await waitForFrame(
      app.screen,
      (s) => s.includes('Reactions to message 120: 👍 alice, carol'),
      'who reacted',
    );
    await app.type('/goto 5');
    await app.press(KEYS.enter);
    const requests = app.server.received().filter((m) => m.type === 'history');
    expect(requests).toEqual([{ type: 'history', target: 'dev', before: 16, limit: 51 }]);
    await app.server.send({ type: 'history', target: 'dev', messages: many(15, 1), more: false });
    const shown = await waitForFrame(
      app.screen,
      (s) => paneRows(s).some((row) => row.includes('bob │ message 5')),
      'message 5 on screen',
    );
    expect(paneRows(shown).join('\n')).not.toContain('message 120');
  });

  it('shows my messages as pending until the server has them', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.type('on its way');
    await app.press(KEYS.enter);
    expect(app.screen()).toContain('alice │ on its way …');
    await app.server.send(chat(1, 'alice', 'on its way', { cid: 'c1', ts: at(12, 30) }));
    expect(app.screen()).toContain('12:30 alice │ on its way');
    expect(app.screen()).not.toContain('on its way …');
  });

  it('keeps a room with 100,000 messages usable', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(100_000) }));
    expect(paneRows(app.screen()).at(-1)).toContain('message 100000');
    await app.press(KEYS.pageUp);
    expect(paneRows(app.screen()).at(-2)).toContain('message 99');
    await app.type('still typing');
    expect(app.screen()).toContain('#dev › still typing');
  });

  it('pages 100,000 messages in as history, then shows arrivals below or counts them while scrolled up', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev', { history: many(1000, 99_001), seq: 100_000, more: true }));
    for (let last = 99_000; last >= 1; last -= 1000)
      app.server.sendNow({
        type: 'history',
        target: 'dev',
        messages: many(1000, last - 999),
        more: last > 1000,
      });
    await app.server.send(chat(100_001, 'carol', 'fresh news', { ts: at(10, 0) }));
    expect(paneRows(app.screen()).slice(-2)).toEqual([
      expect.stringContaining('bob │ message 100000'),
      expect.stringContaining('carol │ fresh news'),
    ]);
    await app.press(KEYS.pageUp);
    const scrolled = paneRows(app.screen()).slice(0, -1);
    await app.server.send(chat(100_002, 'carol', 'more news', { ts: at(10, 1) }));
    expect(paneRows(app.screen()).slice(0, -1)).toEqual(scrolled);
    expect(paneRows(app.screen()).at(-1)).toContain('↓ 1 new message');
    await app.press(KEYS.end);
    expect(paneRows(app.screen()).at(-1)).toContain('carol │ more news');
  });
});
