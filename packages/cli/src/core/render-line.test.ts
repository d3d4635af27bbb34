import type { ChatItem, PendingItem } from 'aurora-client';
import { createTimeFormat } from 'aurora-client';
import { chat } from 'aurora-testkit';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createLineRenderer, type LineContext, renderItem } from './render-line.js';
import { createTheme, hyperlink } from './theme.js';
import { displayWidth } from './wrap.js';

const time = createTimeFormat({ timeZone: 'UTC', locale: 'en-GB' });
const plainContext = (width = 60): LineContext => ({
  width,
  nickWidth: 6,
  me: 'alice',
  theme: createTheme({ chalk: new Chalk({ level: 0 }) }),
  time,
});
const colourContext = (width = 60): LineContext => ({
  ...plainContext(width),
  theme: createTheme({ chalk: new Chalk({ level: 1 }), hyperlinks: true }),
});
const message = (
  m: ReturnType<typeof chat>,
  extra: { mine?: boolean; mention?: boolean } = {},
): ChatItem => ({
  kind: 'message',
  order: m.seq * 1024,
  message: m,
  mine: extra.mine ?? false,
  mention: extra.mention ?? false,
});
const draw = (item: ChatItem | PendingItem, context = plainContext(), showDate = false) =>
  renderItem(item, showDate, context);

describe('renderItem', () => {
  const row = (term: string, text: string): ChatItem => ({
    kind: 'notice',
    order: 1,
    id: 'n1',
    ts: Date.UTC(2026, 2, 3, 9, 5),
    text,
    tone: 'info',
    term: { text: term, width: 24 },
  });

  it('lays /help rows side by side in a wide pane, the description wrapped under itself', () => {
    const rows = draw(
      row('/kick NAME [REASON]', 'operators: put a person out of this room (they may come back)'),
      plainContext(80),
    );
    expect(rows).toEqual([
      '09:05     -- │   /kick NAME [REASON]      operators: put a person out of this',
      '             │                            room (they may come back)',
    ]);
  });

  it('gives a term wider than its column a row to itself, the description in the column', () => {
    const rows = draw(
      row('/ban [--server] NAME [DURATION] [REASON]', 'operators: keep a person out'),
      plainContext(80),
    );
    expect(rows).toEqual([
      '09:05     -- │   /ban [--server] NAME [DURATION] [REASON]',
      '             │                            operators: keep a person out',
    ]);
  });

  it('puts the description under the term in a narrow pane, instead of a sliver beside it', () => {
    const rows = draw(
      row('/kick NAME [REASON]', 'operators: put a person out of this room (they may come back)'),
      plainContext(50),
    );
    expect(rows[0]).toBe('09:05     -- │   /kick NAME [REASON]');
    expect(
      rows
        .slice(1)
        .join(' ')
        .replace(/\s*│\s+/g, ' ')
        .trim(),
    ).toBe('operators: put a person out of this room (they may come back)');
    for (const line of rows) expect(displayWidth(line)).toBeLessThanOrEqual(50);
  });

  it('shows HH:MM, the nick right-aligned in its column, and the text', () => {
    expect(draw(message(chat(1, 'bob', 'hello there')))).toEqual(['12:01    bob │ hello there']);
  });

  it('writes a name wider than the nick column whole on its own row, the text under it in the column', () => {
    const lines = draw(message(chat(1, 'bartholomew', 'hello')));
    expect(lines).toEqual(['12:01 bartholomew', '             │ hello']);
    expect(lines[1]!.indexOf('│')).toBe(draw(message(chat(1, 'bob', 'hi')))[0]!.indexOf('│'));
  });

  it('never shows two long names alike (bots posting with send are not members)', () => {
    const eu = draw(message(chat(1, 'deploy-bot-production-eu', 'deployed')));
    const us = draw(message(chat(2, 'deploy-bot-production-us', 'deployed'), {}));
    expect(eu[0]).toBe('12:01 deploy-bot-production-eu');
    expect(us[0]).toBe('12:02 deploy-bot-production-us');
    expect(eu[1]).toBe(us[1]);
    // A terminal narrower than the name wraps it rather than cut it.
    expect(draw(message(chat(1, 'deploy-bot-production-eu', 'ok')), plainContext(20)).slice(0, 2)).toEqual([
      '12:01 deploy-bot-pro',
      '      duction-eu',
    ]);
  });

  it('wraps long text under itself, within the width', () => {
    const lines = draw(message(chat(1, 'bob', 'word '.repeat(20).trim())), plainContext(40));
    expect(lines).toEqual([
      '12:01    bob │ word word word word word',
      '             │ word word word word word',
      '             │ word word word word word',
      '             │ word word word word word',
    ]);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });

  it('keeps text readable on a narrow terminal by indenting less than the prefix', () => {
    const lines = draw(message(chat(1, 'bob', 'one two three four five six')), plainContext(24));
    expect(lines[0]).toBe('12:01    bob │ one two');
    expect(lines[1]).toBe('      three four five');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(24);
  });

  it('renders bold, italic and code without their markers', () => {
    expect(draw(message(chat(1, 'bob', 'a **big** _deal_ with `x*y*z`')))).toEqual([
      '12:01    bob │ a big deal with x*y*z',
    ]);
  });

  it('styles spans: bold, italic, code', () => {
    const [line] = draw(message(chat(1, 'bob', '**big** *small* `code`')), colourContext());
    expect(line).toContain('\x1b[1mbig');
    expect(line).toContain('\x1b[3msmall');
    expect(line).toContain('\x1b[36mcode');
  });

  it('shows a link with its URL readable and as an OSC 8 hyperlink', () => {
    expect(
      draw(message(chat(1, 'bob', 'see [the docs](https://x.dev/d) or https://y.dev')), plainContext(80)),
    ).toEqual(['12:01    bob │ see the docs (https://x.dev/d) or https://y.dev']);
    const [line] = draw(message(chat(1, 'bob', 'see https://y.dev/a?b=1')), colourContext());
    expect(line).toMatch(
      /\x1b\]8;id=[\w-]+;https:\/\/y\.dev\/a\?b=1\x07.*https:\/\/y\.dev\/a\?b=1.*\x1b\]8;;\x07/,
    );
  });

  it('shows /me actions as "* nick text"', () => {
    expect(draw(message(chat(1, 'alice', 'waves', { kind: 'action' })))).toEqual([
      '12:01        │ * alice waves',
    ]);
  });

  it('dims system notices and words them from the event', () => {
    const join = chat(1, 'carol', 'carol joined', { kind: 'system', event: { kind: 'join', nick: 'carol' } });
    const topic = chat(2, 'bob', 'x', {
      kind: 'system',
      event: { kind: 'topic', nick: 'bob', topic: 'ship it' },
    });
    expect(draw(message(join))).toEqual(['12:01    --> │ carol joined']);
    expect(draw(message(topic))).toEqual(['12:02     -- │ bob set the topic: ship it']);
    expect(draw(message(join), colourContext())[0]).toContain('\x1b[90mcarol joined');
  });

  it('marks direct messages with their own separator', () => {
    expect(draw(message(chat(1, 'bob', 'psst', { to: 'alice' })))).toEqual(['12:01    bob » psst']);
  });

  it('tells own lines and mentions apart from the rest', () => {
    const mine = draw(message(chat(1, 'alice', 'hi'), { mine: true }), colourContext())[0]!;
    const other = draw(message(chat(1, 'alice', 'hi')), colourContext())[0]!;
    const mention = draw(message(chat(1, 'bob', 'alice: look'), { mention: true }), colourContext())[0]!;
    expect(mine).toContain('\x1b[7m'); // inverse nick
    expect(other).not.toContain('\x1b[7m');
    expect(mention).toContain('\x1b[93m'); // bright yellow text
  });

  it('shows a pending message dimmed, and a failed one with the reason', () => {
    const outgoing = {
      cid: 'c1',
      kind: 'say' as const,
      target: 'dev',
      text: 'on its way',
      createdAt: Date.UTC(2026, 2, 3, 9, 15),
    };
    expect(draw({ kind: 'pending', outgoing, state: 'sending' })).toEqual(['09:15  alice │ on its way …']);
    expect(draw({ kind: 'pending', outgoing, state: 'failed', note: 'not in room' })).toEqual([
      '09:15  alice │ on its way ✗ not sent: not in room (Up brings',
      '             │ it back)',
    ]);
  });

  it('puts a day line above an item when asked', () => {
    const lines = draw(message(chat(1, 'bob', 'hi')), plainContext(50), true);
    expect(lines[0]).toMatch(/^─+ Tuesday,? 3 March 2026 ─+$/);
    expect(displayWidth(lines[0]!)).toBe(50);
  });

  it('never lets an escape sequence from a remote string through', () => {
    const hostile = chat(1, 'bob\x1b[2J', 'hi \x1b]52;c;ZXZpbA==\x07 \x1b[31mred\x9b31m \u202eevil', {});
    const lines = draw(message(hostile), colourContext());
    const withoutOwnStyling = lines.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(withoutOwnStyling).not.toMatch(/[\x1b\x07\x9b\u202e]/);
    expect(withoutOwnStyling).toContain('red');
  });

  it('draws wide characters within the width', () => {
    const lines = draw(
      message(chat(1, '李雷', '你好世界，这是一条很长的消息，需要换行显示。👍🏽👍🏽')),
      plainContext(30),
    );
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(30);
  });
});

describe('createLineRenderer', () => {
  it('draws an item once per context and reuses the lines', () => {
    const render = createLineRenderer(plainContext());
    const item = message(chat(1, 'bob', 'hi'));
    const first = render(item, false);
    expect(render(item, false)).toBe(first);
    expect(render(item, true)).not.toBe(first);
  });
});

describe('hyperlink', () => {
  it('percent-encodes anything in a URL that could end the escape sequence', () => {
    const link = hyperlink('x', 'https://a.dev/\x07\x1b\\ü');
    expect(link).toBe('\x1b]8;;https://a.dev/%07%1B\\%C3%BC\x07x\x1b]8;;\x07');
  });
});

describe('messages that live', () => {
  it('marks an edited message, and draws a deleted one as a placeholder without its text', () => {
    expect(draw(message({ ...chat(1, 'bob', 'fixed'), edited: 5, rev: 2 }))).toEqual([
      '12:01    bob │ fixed (edited)',
    ]);
    expect(draw(message({ ...chat(1, 'bob', ''), deleted: true, rev: 3 }))).toEqual([
      '12:01    bob │ message deleted',
    ]);
  });

  it('puts reactions compactly under the message, and a one-line quote of the original above a reply', () => {
    const original = chat(1, 'carol', 'a long question\nover two lines that goes on and on and on and on');
    const context = { ...plainContext(), quoted: (seq: number) => (seq === 1 ? original : undefined) };
    const reply = { ...chat(2, 'bob', 'yes'), replyTo: 1, reactions: [{ emoji: '👍', who: ['a', 'b'] }] };
    const lines = draw(message(reply), context);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ {13}│ ↳ carol: a long question over/);
    expect(displayWidth(lines[0]!)).toBeLessThanOrEqual(60);
    expect(lines[1]).toBe('12:02    bob │ yes');
    expect(lines[2]).toBe('             │ 👍 2');
    expect(draw(message({ ...chat(3, 'bob', 'hm'), replyTo: 40 }), context)[0]).toContain('↳ message 40');
    // With message numbers on, the quote names the original's number too, for /goto.
    expect(draw(message(reply), { ...context, numbers: true })[0]).toMatch(/│ ↳ 1 carol: a long question/);
  });

  it('draws no row for an edit, delete or reaction event', () => {
    expect(draw(message({ ...chat(2, 'bob', 'x'), kind: 'edit', about: 1 }))).toEqual([]);
    expect(
      draw(message({ ...chat(3, 'bob', ''), kind: 'reaction', about: 1, emoji: '👍', on: true })),
    ).toEqual([]);
  });
});

describe('message numbers', () => {
  it('show in place of the time when asked, so a message can be named in /edit, /react, /reply', () => {
    const context = { ...plainContext(), numbers: true };
    expect(draw(message(chat(12, 'bob', 'hello')), context)).toEqual(['  #12    bob │ hello']);
  });
});
