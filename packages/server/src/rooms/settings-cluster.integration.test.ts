import { ErrorCode, type ServerMessage } from 'aurora-protocol';
import { expect, it } from 'vitest';
import { clusterPeople } from '../testing/cluster-people.js';
import { ask, outcome } from '../testing/moderation-people.js';
import { describeWithRedis } from '../testing/redis-server.js';
import type { TestClient } from '../testing/ws-client.js';

describeWithRedis('room settings across two cluster nodes on one Redis', () => {
  const { people, startNode } = clusterPeople();

  /** Asks again until the answer's outcome is `wanted` or a second has passed since `since`; the last outcome. */
  async function within(
    since: number,
    client: TestClient,
    wanted: string,
    request: () => Parameters<TestClient['send']>[0],
  ) {
    let last = '';
    do {
      last = outcome(await ask(client, request()));
      if (last === wanted) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (Date.now() - since < 1000);
    return last;
  }

  it('a room made moderated on node A refuses an unvoiced speaker on node B within a second; voice on A lets them', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await people.account(a, 'alice');
    const bob = await people.account(b, 'bob');
    // Node B has read the room's settings (none) before the change, so its copy must be dropped.
    expect(outcome(await ask(bob, { type: 'say', room: 'dev', text: 'before', cid: 'b0' }))).toBe('ack');
    await ask(alice, { type: 'mode', room: 'dev', set: { moderated: true } });
    const setAt = Date.now();
    let n = 0;
    expect(
      await within(setAt, bob, ErrorCode.Moderated, () => ({
        type: 'say',
        room: 'dev',
        text: 'hi',
        cid: `b${++n}`,
      })),
    ).toBe(ErrorCode.Moderated);
    // Someone joining on node B is told the room is moderated before they speak.
    const carol = await people.guest(b, 'carol');
    expect(carol.received.find((m) => m.type === 'joined')).toMatchObject({ settings: { moderated: true } });
    await ask(alice, { type: 'moderate', action: 'voice', name: 'bob', room: 'dev' });
    expect(outcome(await ask(bob, { type: 'say', room: 'dev', text: 'voiced', cid: 'bv' }))).toBe('ack');
    const history = await ask(bob, { type: 'history', target: 'dev' });
    expect(
      history.type === 'history' &&
        history.messages.filter((m) => m.kind === 'system' && m.event?.kind !== 'join').map((m) => m.text),
    ).toEqual([
      'alice made #dev moderated: only operators and voiced people speak',
      'alice gave voice to bob in #dev',
    ]);
  });

  it('private and invite-only set on node A hold on node B; an invite on A is told to the invitee on B', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alice = await people.account(a, 'alice');
    const carol = await people.account(b, 'carol', ['lobby']);
    const dave = await people.guest(b, 'dave', ['lobby']);
    const listed = (answer: ServerMessage) =>
      answer.type === 'rooms' ? answer.rooms.map((r) => r.room) : [];
    expect(listed(await ask(dave, { type: 'rooms' }))).toEqual(['dev', 'lobby']);
    await ask(alice, { type: 'mode', room: 'dev', set: { private: true, inviteOnly: true } });
    const setAt = Date.now();
    let hidden: string[] = [];
    do {
      hidden = listed(await ask(dave, { type: 'rooms' }));
    } while (hidden.includes('dev') && Date.now() - setAt < 1000);
    expect(hidden).toEqual(['lobby']);
    expect(outcome(await ask(dave, { type: 'history', target: 'dev' }))).toBe(ErrorCode.NotMember);
    expect(outcome(await ask(carol, { type: 'join', room: 'dev' }))).toBe(ErrorCode.InviteOnly);
    await ask(alice, { type: 'moderate', action: 'invite', name: 'carol', room: 'dev' });
    await carol.next('moderated', (m) => m.action === 'invite' && m.room === 'dev' && m.by === 'alice');
    expect(outcome(await ask(carol, { type: 'join', room: 'dev' }))).toBe('joined');
    // Opened again on A: B lets the guest in within a second.
    await ask(alice, { type: 'mode', room: 'dev', set: { inviteOnly: false } });
    expect(await within(Date.now(), dave, 'joined', () => ({ type: 'join', room: 'dev' }))).toBe('joined');
  });
});
