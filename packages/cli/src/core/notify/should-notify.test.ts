import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import type { Arrival } from './arrivals.js';
import { DEFAULT_LEVEL, type NotifyContext, type NotifyLevel, shouldNotify } from './should-notify.js';

const context = (changes: Partial<NotifyContext> = {}): NotifyContext => ({
  me: 'alice',
  current: 'dev',
  focus: 'unknown',
  level: DEFAULT_LEVEL,
  ...changes,
});
const inRoom = (room: string, text: string, mention: boolean, from = 'bob'): Arrival => ({
  message: chat(1, from, text, { room }),
  target: room,
  mention,
});
const direct: Arrival = {
  message: chat(1, 'carol', 'psst', { to: 'alice' }),
  target: '@carol',
  mention: true,
};

describe('shouldNotify', () => {
  it('notifies a mention in another room, whatever the focus', () => {
    for (const focus of ['focused', 'unfocused', 'unknown'] as const)
      expect(shouldNotify(inRoom('ops', 'alice: deploy?', true), context({ focus }))).toBe(true);
  });

  it('notifies a direct message', () => {
    expect(shouldNotify(direct, context())).toBe(true);
    expect(shouldNotify(direct, context({ current: '@carol', focus: 'unfocused' }))).toBe(true);
  });

  it('never notifies a message that mentions no one at the default level', () => {
    expect(shouldNotify(inRoom('ops', 'lunch?', false), context())).toBe(false);
    expect(shouldNotify(inRoom('dev', 'lunch?', false), context({ focus: 'unfocused' }))).toBe(false);
  });

  it('never notifies my own message (from another device) nor a notice', () => {
    expect(shouldNotify(inRoom('ops', 'alice: note to self', true, 'Alice'), context())).toBe(false);
    const notice: Arrival = {
      ...inRoom('ops', 'alice joined', true),
      message: chat(1, 'alice', 'x', { kind: 'system', room: 'ops' }),
    };
    expect(shouldNotify(notice, context())).toBe(false);
  });

  it('lets a webhook that posts under my name notify: it is not me', () => {
    const bot: Arrival = {
      message: chat(1, 'alice', 'alice: build red', { bot: true, room: 'ops' }),
      target: 'ops',
      mention: true,
    };
    expect(shouldNotify(bot, context())).toBe(true);
  });

  it('stays quiet about the room on screen while the terminal has focus, or may have it', () => {
    expect(shouldNotify(inRoom('dev', 'alice: here?', true), context({ focus: 'focused' }))).toBe(false);
    expect(shouldNotify(inRoom('dev', 'alice: here?', true), context({ focus: 'unknown' }))).toBe(false);
    expect(shouldNotify(direct, context({ current: '@carol', focus: 'focused' }))).toBe(false);
  });

  it('notifies about the room on screen once the terminal has lost focus', () => {
    expect(shouldNotify(inRoom('dev', 'alice: here?', true), context({ focus: 'unfocused' }))).toBe(true);
  });

  it('takes a level per room: all notifies every message, none nothing', () => {
    const levels: Record<string, NotifyLevel> = { ops: 'all', random: 'none' };
    const level = (target: string) => levels[target] ?? 'mentions';
    expect(shouldNotify(inRoom('ops', 'lunch?', false), context({ level }))).toBe(true);
    expect(shouldNotify(inRoom('random', 'alice!', true), context({ level }))).toBe(false);
    expect(shouldNotify(inRoom('dev', 'lunch?', false), context({ level, focus: 'unfocused' }))).toBe(false);
  });
});
