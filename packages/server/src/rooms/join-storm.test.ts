import { describe, expect, it } from 'vitest';
import { createTestHub } from '../testing/test-hub.js';

describe('joins arriving together', () => {
  it('reach the room as one presence frame and one stored notice naming everyone', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    const others = ['bob', 'carol', 'dave'].map(() => connect());
    await Promise.all(
      others.map((client, i) => client.hello(['bob', 'carol', 'dave'][i]!, { rooms: ['dev'] })),
    );

    expect(alice.peer.of('presence').filter((frame) => frame.nick !== 'alice')).toEqual([
      {
        type: 'presence',
        room: 'dev',
        event: 'join',
        nick: 'bob',
        people: [{ nick: 'bob' }, { nick: 'carol' }, { nick: 'dave' }],
        members: 4,
      },
    ]);
    expect(alice.peer.of('message')).toMatchObject([
      {
        kind: 'system',
        text: 'bob, carol and dave joined',
        event: { kind: 'join', nick: 'bob', nicks: ['bob', 'carol', 'dave'] },
      },
    ]);
    // Each joiner's own notice is stored before its `joined`, as a lone join's always was.
    for (const client of others)
      expect(client.peer.of('joined')[0]!.history.map((m) => m.text)).toEqual([
        'alice joined',
        'bob, carol and dave joined',
      ]);
  });

  it('are all replayed on resume: the coalesced notices are stored like any message', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    const seen = alice.peer.of('joined')[0]!.seq;
    await alice.disconnect();
    const late = ['bob', 'carol'].map(() => connect());
    await Promise.all(late.map((client, i) => client.hello(['bob', 'carol'][i]!, { rooms: ['dev'] })));
    await late[0]!.send({ type: 'say', room: 'dev', text: 'hi', cid: 'c1' });

    const back = connect();
    await back.hello('alice', { resume: { dev: seen } });
    expect(back.peer.of('resumed')).toMatchObject([{ target: 'dev', recovered: true, replayed: 4 }]);
    expect(back.peer.of('message').map((m) => m.text)).toEqual([
      'alice left',
      'bob and carol joined',
      'hi',
      // Her own return is stored before the replay is read.
      'alice joined',
    ]);
  });

  it('in a big room: joined gives the count instead of the list, which is paged on demand', async () => {
    const { connect } = createTestHub({ limits: { bigRoomMembers: 2 } });
    const clients = ['ann', 'ben', 'cat', 'dan'].map(() => connect());
    for (const [i, client] of clients.entries())
      await client.hello(['ann', 'ben', 'cat', 'dan'][i]!, { rooms: ['hall'] });
    const joined = clients[3]!.peer.of('joined')[0]!;
    expect(joined.members).toEqual([]);
    expect(joined.memberCount).toBe(4);

    await clients[3]!.send({ type: 'members', room: 'hall', limit: 3 });
    expect(clients[3]!.peer.last()).toMatchObject({
      type: 'members',
      members: [{ nick: 'ann' }, { nick: 'ben' }, { nick: 'cat' }],
      more: true,
      count: 4,
    });
    await clients[3]!.send({ type: 'members', room: 'hall', after: 'cat', limit: 3 });
    expect(clients[3]!.peer.last()).toMatchObject({ members: [{ nick: 'dan' }], more: false, count: 4 });
  });
});
