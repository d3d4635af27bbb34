import { ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { createTestHub, type FakeClient } from '../testing/test-hub.js';

// Where message lifecycle meets room moderation: operators remove others' messages, and a person
// muted or banned in a room changes nothing there.

async function ownedRoom() {
  const test = createTestHub({ limits: { burst: 100, ratePerSecond: 100 } });
  const owner = test.connect();
  await owner.send({ type: 'register', name: 'olga', password: 'correct horse' });
  const token = owner.peer.of('auth')[0]!.token;
  await owner.disconnect();
  const olga = test.connect();
  await olga.hello('olga', { token, rooms: ['dev'] });
  const bob = test.connect();
  const carol = test.connect();
  await bob.hello('bob', { rooms: ['dev'] });
  await carol.hello('carol', { rooms: ['dev'] });
  await bob.send({ type: 'say', room: 'dev', text: 'buy cheap watches', cid: 'b1' });
  return { olga, bob, carol, seq: lastAck(bob) };
}

const lastAck = (client: FakeClient) => client.peer.of('ack').at(-1)!.seq;

describe('lifecycle and moderation', () => {
  it("lets the room's owner delete someone else's message, and nobody else", async () => {
    const { olga, carol, seq } = await ownedRoom();
    await carol.send({ type: 'delete', target: 'dev', seq, ref: 'd1' });
    expect(carol.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NotAuthor });
    await olga.send({ type: 'edit', target: 'dev', seq, text: 'mine now', ref: 'e1' });
    expect(olga.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.NotAuthor });
    await olga.send({ type: 'delete', target: 'dev', seq, ref: 'd2' });
    expect(olga.peer.of('changed')).toMatchObject([{ about: seq, ref: 'd2' }]);
    expect(carol.peer.of('message').at(-1)).toMatchObject({ kind: 'delete', about: seq });
  });

  it('refuses a muted person an edit, a delete and a reaction in the room', async () => {
    const { olga, bob, seq } = await ownedRoom();
    await olga.send({ type: 'moderate', action: 'mute', name: 'bob', room: 'dev' });
    for (const request of [
      { type: 'edit', target: 'dev', seq, text: 'now cheaper' },
      { type: 'delete', target: 'dev', seq },
      { type: 'react', target: 'dev', seq, emoji: '👍', on: true },
    ] as const) {
      await bob.send(request);
      expect(bob.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.Muted });
    }
    expect(bob.peer.of('changed')).toEqual([]);
  });
});
