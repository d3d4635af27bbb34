import { CloseCode, ErrorCode } from 'aurora-protocol';
import { expect, it } from 'vitest';
import { clusterPeople } from '../testing/cluster-people.js';
import { ask, outcome } from '../testing/moderation-people.js';
import { describeWithRedis } from '../testing/redis-server.js';

describeWithRedis('moderation across two cluster nodes on one Redis', () => {
  const { people, startNode } = clusterPeople();

  it('a kick and a ban on node A remove the person on node B within a second, and the ban holds there', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await people.account(a, 'alice');
    const bob = await people.guest(b, 'bob');
    const kickedAt = Date.now();
    expect(outcome(await ask(alice, { type: 'moderate', action: 'kick', name: 'bob', room: 'dev' }))).toBe(
      'moderated',
    );
    await bob.next('left', (l) => l.removed === 'kicked', 1000 + (Date.now() - kickedAt));
    await bob.next('moderated', (m) => m.action === 'kick' && m.by === 'alice');
    await alice.next('presence', (p) => p.event === 'leave' && p.nick === 'bob');

    expect(outcome(await ask(bob, { type: 'join', room: 'dev' }))).toBe('joined');
    const bannedAt = Date.now();
    await ask(alice, { type: 'moderate', action: 'ban', name: 'bob', room: 'dev', reason: 'spam' });
    await bob.next('left', (l) => l.removed === 'banned', 1000 + (Date.now() - bannedAt));
    expect(await ask(bob, { type: 'join', room: 'dev' })).toMatchObject({
      type: 'error',
      code: ErrorCode.Banned,
    });
    expect(outcome(await ask(bob, { type: 'say', room: 'dev', text: 'hi', cid: 'c1' }))).toBe(
      ErrorCode.Banned,
    );

    // Lifted on node A, the cached ban on node B goes too.
    await ask(alice, { type: 'moderate', action: 'unban', name: 'bob', room: 'dev' });
    const deadline = Date.now() + 5000;
    let joined = '';
    while (Date.now() < deadline && joined !== 'joined') {
      joined = outcome(await ask(bob, { type: 'join', room: 'dev' }));
      if (joined !== 'joined') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(joined).toBe('joined');
  });

  it('roles and mutes set on one node count on the other, and history shows the notices', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await people.account(a, 'alice');
    const carol = await people.account(b, 'carol');
    const bob = await people.guest(b, 'bob');
    await ask(alice, { type: 'moderate', action: 'op', name: 'carol', room: 'dev' });
    const list = await ask(bob, { type: 'members', room: 'dev' });
    expect(list.type === 'members' && list.members.find((m) => m.nick === 'carol')?.role).toBe('operator');
    expect(outcome(await ask(carol, { type: 'moderate', action: 'mute', name: 'bob', room: 'dev' }))).toBe(
      'moderated',
    );
    const deadline = Date.now() + 5000;
    let said = '';
    while (Date.now() < deadline && said !== ErrorCode.Muted) {
      said = outcome(await ask(bob, { type: 'say', room: 'dev', text: 'hi', cid: `m${Date.now()}` }));
      if (said !== ErrorCode.Muted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(said).toBe(ErrorCode.Muted);
    const history = await ask(alice, { type: 'history', target: 'dev' });
    expect(
      history.type === 'history' &&
        history.messages.filter((m) => m.event?.kind === 'moderation').map((m) => m.text),
    ).toEqual(['alice made carol an operator of #dev', 'carol muted bob in #dev']);
  });

  it("an admin's kill on node A disconnects the person on node B", async () => {
    const [a, b] = [await startNode(['root']), await startNode(['root'])];
    const root = await people.account(a, 'root');
    const bob = await people.guest(b, 'bob');
    expect(outcome(await ask(root, { type: 'moderate', action: 'kill', name: 'bob', reason: 'flood' }))).toBe(
      'moderated',
    );
    expect((await bob.closed).code).toBe(CloseCode.Killed);
  });

  it('answers denials alike on either node', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await people.account(a, 'alice');
    const carol = await people.account(b, 'carol');
    const bob = await people.guest(b, 'bob');
    const code = async (client: typeof bob, request: Parameters<typeof bob.send>[0]) =>
      outcome(await ask(client, request));
    expect(await code(bob, { type: 'moderate', action: 'kick', name: 'alice', room: 'dev' })).toBe(
      ErrorCode.NotOperator,
    );
    expect(await code(bob, { type: 'topic', room: 'dev', topic: 'taken over' })).toBe(ErrorCode.NotOperator);
    expect(await code(carol, { type: 'moderate', action: 'op', name: 'carol', room: 'dev' })).toBe(
      ErrorCode.NotOwner,
    );
    await code(alice, { type: 'moderate', action: 'op', name: 'carol', room: 'dev' });
    expect(await code(carol, { type: 'moderate', action: 'ban', name: 'alice', room: 'dev' })).toBe(
      ErrorCode.TargetProtected,
    );
    expect(await code(carol, { type: 'claim', room: 'dev' })).toBe(ErrorCode.RoomOwned);
    expect(await code(carol, { type: 'moderate', action: 'kill', name: 'bob' })).toBe(ErrorCode.NotAdmin);
  });
});
