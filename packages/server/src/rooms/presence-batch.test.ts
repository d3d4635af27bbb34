import type { ServerMessage, SystemEvent } from 'aurora-protocol';
import { ManualClock } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type Move, PresenceBatch } from './presence-batch.js';

function setup(options: { members?: number; windowMs?: number } = {}) {
  const clock = new ManualClock();
  const frames: ServerMessage[] = [];
  const notices: SystemEvent[] = [];
  const remembered: string[] = [];
  const batch = new PresenceBatch({
    clock,
    bigRoomMembers: 500,
    bigRoomIntervalMs: 1000,
    windowMs: options.windowMs ?? 0,
    publish: (_room, message) => frames.push(message),
    announce: async (_room, event) => {
      notices.push(event);
    },
    remember: async (_room, move) => {
      remembered.push(`${move.kind} ${move.key}`);
    },
    memberCount: async () => options.members ?? 3,
    failed: (error) => {
      throw error;
    },
  });
  return { clock, frames, notices, remembered, batch };
}

const person = (nick: string, kind: 'join' | 'leave' = 'join', notice = true): Move => ({
  kind,
  nick,
  key: nick.toLowerCase(),
  account: nick === 'Carol',
  notice,
});

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PresenceBatch', () => {
  it('sends the joins of one tick as one presence frame and one stored notice, stored before the joiners go on', async () => {
    const { batch, frames, notices, remembered } = setup();
    let stored = 0;
    for (const nick of ['alice', 'bob', 'Carol'])
      void batch.move('dev', person(nick)).then(() => {
        stored++;
      });
    expect(frames).toEqual([]);
    await batch.idle();
    await tick();
    await batch.idle();
    expect(frames).toEqual([
      {
        type: 'presence',
        room: 'dev',
        event: 'join',
        nick: 'alice',
        people: [{ nick: 'alice' }, { nick: 'bob' }, { nick: 'Carol', account: true }],
        members: 3,
      },
    ]);
    expect(notices).toEqual([{ kind: 'join', nick: 'alice', nicks: ['alice', 'bob', 'Carol'] }]);
    expect(remembered).toEqual(['join alice', 'join bob', 'join carol']);
    expect(stored).toBe(3);
  });

  it('keeps joins and leaves in order, a notice per run, and stores no notice for a quiet join', async () => {
    const { batch, frames, notices } = setup();
    void batch.move('dev', person('alice'));
    void batch.move('dev', person('bob', 'leave'));
    void batch.move('dev', person('carol', 'join', false));
    await batch.flush();
    expect(frames.map((frame) => frame.type === 'presence' && `${frame.event} ${frame.nick}`)).toEqual([
      'join alice',
      'leave bob',
      'join carol',
    ]);
    expect(notices).toEqual([
      { kind: 'join', nick: 'alice' },
      { kind: 'leave', nick: 'bob' },
    ]);
  });

  it('sends a big room only the count, names the first few, and batches it at most once an interval', async () => {
    const { batch, clock, frames, notices } = setup({ members: 2000 });
    for (let i = 0; i < 10; i++) void batch.move('hall', person(`u${i}`));
    await tick();
    await batch.idle();
    expect(frames).toEqual([{ type: 'presence', room: 'hall', event: 'join', nick: 'u0', members: 2000 }]);
    expect(notices).toEqual([{ kind: 'join', nick: 'u0', nicks: ['u0', 'u1', 'u2'], count: 10 }]);
    // Within the interval, joins wait for it, and the joiners do not.
    for (let i = 10; i < 15; i++) await batch.move('hall', person(`u${i}`));
    await tick();
    expect(frames).toHaveLength(1);
    clock.advance(1000);
    await batch.idle();
    expect(frames).toHaveLength(2);
    expect(notices.at(-1)).toEqual({ kind: 'join', nick: 'u10', nicks: ['u10', 'u11', 'u12'], count: 5 });
  });

  it('holds a storm of joins to a small room for the window after its last batch', async () => {
    const { batch, clock, frames } = setup({ windowMs: 50 });
    await Promise.all([batch.move('dev', person('alice')), tick()]);
    expect(frames).toHaveLength(1);
    await batch.move('dev', person('bob'));
    await batch.move('dev', person('carol'));
    await tick();
    expect(frames).toHaveLength(1);
    clock.advance(50);
    await batch.idle();
    expect(frames).toHaveLength(2);
    expect(frames[1]).toMatchObject({ nick: 'bob', people: [{ nick: 'bob' }, { nick: 'carol' }] });
  });
});
