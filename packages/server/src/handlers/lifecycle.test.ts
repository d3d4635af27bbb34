import { ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import type { FakeClient } from '../testing/test-hub.js';
import { createTestHub } from '../testing/test-hub.js';

/** Alice and bob in #dev, and the seq of alice's "helo" (join notices are stored too). */
async function room() {
  const test = createTestHub({ limits: { burst: 100, ratePerSecond: 100 } });
  const alice = test.connect();
  const bob = test.connect();
  await alice.hello('alice', { rooms: ['dev'] });
  await bob.hello('bob', { rooms: ['dev'] });
  await alice.send({ type: 'say', room: 'dev', text: 'helo', cid: 'c1' });
  return { ...test, alice, bob, seq: lastAck(alice) };
}

const lastAck = (client: FakeClient) => client.peer.of('ack').at(-1)!.seq;
const historyOf = async (client: FakeClient, target: string) => {
  await client.send({ type: 'history', target, ref: 'h' });
  return client.peer.of('history').at(-1)!.messages;
};

describe('edit, delete and react', () => {
  it('an edit reaches every member as an event, answers changed, and history returns the new text', async () => {
    const { alice, bob, seq } = await room();
    await alice.send({ type: 'edit', target: 'dev', seq, text: 'hello', ref: 'e1' });
    expect(alice.peer.of('changed')).toEqual([
      { type: 'changed', target: 'dev', seq: seq + 1, about: seq, ref: 'e1' },
    ]);
    expect(bob.peer.of('message').at(-1)).toMatchObject({
      kind: 'edit',
      seq: seq + 1,
      about: seq,
      text: 'hello',
    });
    const messages = await historyOf(bob, 'dev');
    expect(messages.find((m) => m.seq === seq)).toMatchObject({ text: 'hello', edited: expect.any(Number) });
  });

  it('refuses someone else’s message, a missing one, and a room one is not in, changing nothing', async () => {
    const { connect, alice, bob, seq } = await room();
    const before = await historyOf(bob, 'dev');
    await bob.send({ type: 'edit', target: 'dev', seq, text: 'pwned', ref: 'a' });
    await bob.send({ type: 'delete', target: 'dev', seq, ref: 'b' });
    await bob.send({ type: 'react', target: 'dev', seq, emoji: 'nope', ref: 'c' });
    await alice.send({ type: 'delete', target: 'dev', seq: 70, ref: 'd' });
    await alice.send({ type: 'delete', target: 'dev', seq: 1, ref: 'e' });
    const carol = connect();
    await carol.hello('carol');
    await carol.send({ type: 'react', target: 'dev', seq, emoji: '👍', ref: 'f' });
    const errors = [...bob.peer.of('error'), ...alice.peer.of('error'), ...carol.peer.of('error')];
    expect(errors.map((e) => [e.ref, e.code])).toEqual([
      ['a', ErrorCode.NotAuthor],
      ['b', ErrorCode.NotAuthor],
      ['c', ErrorCode.BadEmoji],
      ['d', ErrorCode.NoSuchMessage],
      ['e', ErrorCode.NoSuchMessage],
      ['f', ErrorCode.NotInRoom],
    ]);
    expect(await historyOf(bob, 'dev')).toEqual(before);
  });

  it('closes the edit window after the configured time, and a delete still works', async () => {
    const { clock, alice, seq } = await room();
    clock.advance(24 * 60 * 60 * 1000);
    await alice.send({ type: 'edit', target: 'dev', seq, text: 'late', ref: 'e' });
    expect(alice.peer.of('error')).toMatchObject([{ code: ErrorCode.EditWindowClosed, ref: 'e' }]);
    await alice.send({ type: 'delete', target: 'dev', seq, ref: 'd' });
    expect(alice.peer.of('changed')).toMatchObject([{ about: seq, seq: seq + 1, ref: 'd' }]);
  });

  it('reactions are counted by who, one per person per emoji, and a shortcode is its emoji', async () => {
    const { alice, bob, seq } = await room();
    await bob.send({ type: 'react', target: 'dev', seq, emoji: ':+1:' });
    await bob.send({ type: 'react', target: 'dev', seq, emoji: '👍' });
    await alice.send({ type: 'react', target: 'dev', seq, emoji: '👍' });
    const events = alice.peer.of('message').filter((m) => m.kind === 'reaction');
    expect(events.map((e) => [e.from, e.emoji, e.on])).toEqual([
      ['bob', '👍', true],
      ['alice', '👍', true],
    ]);
    const messages = await historyOf(alice, 'dev');
    expect(messages.find((m) => m.seq === seq)?.reactions).toEqual([{ emoji: '👍', who: ['bob', 'alice'] }]);
  });

  it('a reply names a message of its target; one naming nothing is refused', async () => {
    const { alice, bob, seq } = await room();
    await bob.send({ type: 'say', room: 'dev', text: 'hi!', cid: 'b1', replyTo: seq });
    expect(alice.peer.of('message').at(-1)).toMatchObject({ text: 'hi!', replyTo: seq });
    await bob.send({ type: 'say', room: 'dev', text: 'to nothing', cid: 'b2', replyTo: 40 });
    expect(bob.peer.of('error')).toMatchObject([{ code: ErrorCode.NoSuchMessage, cid: 'b2' }]);
  });

  it('direct conversations support all four, for their two people only', async () => {
    const { connect, alice, bob } = await room();
    await alice.send({ type: 'dm', to: 'bob', text: 'psst', cid: 'd1' });
    const psst = lastAck(alice);
    await bob.send({ type: 'dm', to: 'alice', text: 'yes?', cid: 'd2', replyTo: psst });
    await alice.send({ type: 'edit', target: '@bob', seq: psst, text: 'psst!' });
    await bob.send({ type: 'react', target: '@alice', seq: psst, emoji: '👀' });
    await alice.send({ type: 'delete', target: '@bob', seq: psst });
    const direct = bob.peer.of('message').filter((m) => m.kind !== 'system' && m.room === undefined);
    expect(direct.map((m) => [m.kind, m.about, m.replyTo])).toEqual([
      ['dm', undefined, undefined],
      ['dm', undefined, psst],
      ['edit', psst, undefined],
      ['reaction', psst, undefined],
      ['delete', psst, undefined],
    ]);
    const carol = connect();
    await carol.hello('carol');
    await carol.send({ type: 'delete', target: '@bob', seq: psst, ref: 'x' });
    expect(carol.peer.of('error')).toMatchObject([{ code: ErrorCode.NoSuchMessage }]);
    const messages = await historyOf(bob, '@alice');
    expect(messages.find((m) => m.seq === psst)).toMatchObject({ text: '', deleted: true });
  });

  it('a reconnecting client gets the events it missed in order, after its cursor', async () => {
    const { connect, alice, bob, seq } = await room();
    await bob.disconnect();
    const before = alice.peer.of('message').length;
    await alice.send({ type: 'edit', target: 'dev', seq, text: 'hello' });
    await alice.send({ type: 'react', target: 'dev', seq, emoji: '🎉' });
    const missed = alice.peer
      .of('message')
      .slice(before)
      .map((m) => [m.seq, m.kind]);
    const back = connect();
    await back.hello('bob', { rooms: ['dev'], resume: { dev: seq } });
    const replayed = back.peer.of('message').map((m) => [m.seq, m.kind]);
    expect(replayed.slice(0, missed.length + 1)).toEqual([[seq + 1, 'system'], ...missed]);
  });

  it('reactions count against the rate limit like messages', async () => {
    const test = createTestHub({ limits: { burst: 2, ratePerSecond: 1 } });
    const alice = test.connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await alice.send({ type: 'say', room: 'dev', text: 'x', cid: 'c1' });
    const seq = lastAck(alice);
    await alice.send({ type: 'react', target: 'dev', seq, emoji: '👍' });
    await alice.send({ type: 'react', target: 'dev', seq, emoji: '🎉', ref: 'r' });
    expect(alice.peer.of('error')).toMatchObject([{ code: ErrorCode.RateLimited, ref: 'r' }]);
  });
});
