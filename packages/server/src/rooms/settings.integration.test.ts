import { ErrorCode, type ServerMessage } from 'aurora-protocol';
import { roomSettings } from 'aurora-testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ask, outcome, People } from '../testing/moderation-people.js';
import { TestServers } from '../testing/test-servers.js';
import type { TestClient } from '../testing/ws-client.js';

type Request = Parameters<TestClient['send']>[0];

describe('room settings and private rooms over real sockets, one node', () => {
  const people = new People();
  const servers = new TestServers();

  afterEach(async () => {
    people.closeAll();
    await servers.closeAll();
  });

  const start = (admins: string[] = []) => servers.start({ admins });

  const code = async (client: TestClient, request: Request) => outcome(await ask(client, request));
  const settingsOf = (answer: ServerMessage) => (answer.type === 'mode' ? answer.settings : undefined);
  const notice = (client: TestClient, setting: string, on = true) =>
    client.next(
      'message',
      (m) => m.event?.kind === 'mode' && m.event.setting === setting && m.event.on === on,
    );

  it('moderated: only operators and voiced people speak; voice is shown and can be taken away', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.account(url, 'bob');
    const carol = await people.guest(url, 'carol');
    const set = await ask(alice, { type: 'mode', room: 'dev', set: { moderated: true } });
    expect(settingsOf(set)).toMatchObject({ moderated: true, topicProtected: true });
    const stored = await notice(bob, 'moderated');
    expect(stored.text).toBe('alice made #dev moderated: only operators and voiced people speak');
    expect(await code(bob, { type: 'say', room: 'dev', text: 'hello?', cid: 'b1' })).toBe(
      ErrorCode.Moderated,
    );
    // Typing is not shown for someone who may not speak (their typing is handled before the say).
    carol.send({ type: 'typing', room: 'dev', active: true });
    expect(await code(carol, { type: 'say', room: 'dev', text: 'hi', cid: 'c1' })).toBe(ErrorCode.Moderated);
    expect(await code(alice, { type: 'say', room: 'dev', text: 'ops speak', cid: 'a1' })).toBe('ack');
    await bob.next('message', (m) => m.text === 'ops speak');
    expect(bob.of('typing').filter((t) => t.nick === 'carol')).toEqual([]);
    expect(await code(alice, { type: 'moderate', action: 'voice', name: 'carol', room: 'dev' })).toBe(
      ErrorCode.NoSuchTarget,
    );
    expect(await code(alice, { type: 'moderate', action: 'voice', name: 'bob', room: 'dev' })).toBe(
      'moderated',
    );
    expect(await code(bob, { type: 'say', room: 'dev', text: 'now I can', cid: 'b2' })).toBe('ack');
    const list = await ask(carol, { type: 'members', room: 'dev' });
    expect(list.type === 'members' && list.members.find((m) => m.nick === 'bob')?.role).toBe('voice');
    expect(await code(alice, { type: 'moderate', action: 'devoice', name: 'bob', room: 'dev' })).toBe(
      'moderated',
    );
    expect(await code(bob, { type: 'say', room: 'dev', text: 'again?', cid: 'b3' })).toBe(
      ErrorCode.Moderated,
    );
    await ask(alice, { type: 'mode', room: 'dev', set: { moderated: false } });
    expect(await code(carol, { type: 'say', room: 'dev', text: 'free', cid: 'c2' })).toBe('ack');
  });

  it("joined tells a newcomer the room's settings: an owned room's topic protected, a guest's room open", async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const joinedOf = async (nick: string, room: string) => {
      const client = await people.guest(url, nick, [room]);
      return client.of('joined').find((j) => j.room === room);
    };
    expect((await joinedOf('carol', 'dev'))?.settings).toEqual(roomSettings({ topicProtected: true }));
    await ask(alice, { type: 'mode', room: 'dev', set: { moderated: true, private: true } });
    expect((await joinedOf('dave', 'dev'))?.settings).toEqual(
      roomSettings({ moderated: true, private: true, topicProtected: true }),
    );
    expect((await joinedOf('erin', 'lobby'))?.settings).toEqual(roomSettings());
    // Claimed, the guest's room is owned: its topic is protected, said as a /mode is, and joins show it.
    const owner = await people.account(url, 'alice', ['lobby']);
    expect(outcome(await ask(owner, { type: 'claim', room: 'lobby' }))).toBe('moderated');
    const said = await notice(owner, 'topicProtected');
    expect(said.text).toBe('alice protected the topic of #lobby: only operators change it');
    expect((await joinedOf('fred', 'lobby'))?.settings).toEqual(roomSettings({ topicProtected: true }));
  });

  it('invite-only: refused, then invited (told on their connection), joins; uninvited, refused again', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.account(url, 'bob', ['lobby']);
    const guest = await people.guest(url, 'dave', ['lobby']);
    await ask(alice, { type: 'mode', room: 'dev', set: { inviteOnly: true } });
    expect((await notice(alice, 'inviteOnly')).text).toBe('alice made #dev invite-only');
    // Posting needs no join in an open room, but is no way into a closed one.
    expect(await code(bob, { type: 'say', room: 'dev', text: 'from outside', cid: 'o1' })).toBe(
      ErrorCode.NotMember,
    );
    const refused = await ask(bob, { type: 'join', room: 'dev' });
    expect(refused).toMatchObject({ type: 'error', code: ErrorCode.InviteOnly, room: 'dev' });
    expect(refused.type === 'error' && refused.message).toContain('ask an operator of it to /invite you');
    const guestInvite = await ask(alice, { type: 'moderate', action: 'invite', name: 'dave', room: 'dev' });
    expect(guestInvite.type === 'error' && guestInvite.message).toContain('only registered accounts');
    expect(await code(guest, { type: 'join', room: 'dev' })).toBe(ErrorCode.InviteOnly);
    expect(await code(bob, { type: 'moderate', action: 'invite', name: 'bob', room: 'dev' })).toBe(
      ErrorCode.NotOperator,
    );
    expect(await code(alice, { type: 'moderate', action: 'invite', name: 'bob', room: 'dev' })).toBe(
      'moderated',
    );
    await bob.next('moderated', (m) => m.action === 'invite' && m.by === 'alice' && m.room === 'dev');
    const invites = await ask(alice, { type: 'invites', room: 'dev' });
    expect(invites.type === 'invites' && invites.invites.map((i) => [i.name, i.by])).toEqual([
      ['bob', 'alice'],
    ]);
    expect(await code(bob, { type: 'invites', room: 'dev' })).toBe(ErrorCode.NotOperator);
    expect(await code(bob, { type: 'join', room: 'dev' })).toBe('joined');
    expect(await code(bob, { type: 'leave', room: 'dev' })).toBe('left');
    expect(await code(alice, { type: 'moderate', action: 'uninvite', name: 'bob', room: 'dev' })).toBe(
      'moderated',
    );
    expect(await code(alice, { type: 'moderate', action: 'uninvite', name: 'bob', room: 'dev' })).toBe(
      ErrorCode.NoSuchTarget,
    );
    expect(await code(bob, { type: 'join', room: 'dev' })).toBe(ErrorCode.InviteOnly);
  });

  it('join password: missing and wrong refused, right admitted, an invite needs none, never shown', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.account(url, 'bob', ['lobby']);
    const carol = await people.account(url, 'carol', ['lobby']);
    const dave = await people.guest(url, 'dave', ['lobby']);
    const set = await ask(alice, { type: 'mode', room: 'dev', set: { password: 'open sesame' } });
    expect(settingsOf(set)).toMatchObject({ password: true });
    const stored = await notice(alice, 'password');
    expect(stored.text).toBe('alice set a join password on #dev');
    expect(JSON.stringify(stored)).not.toContain('sesame');
    expect(await code(bob, { type: 'join', room: 'dev' })).toBe(ErrorCode.BadRoomPassword);
    expect(await code(bob, { type: 'say', room: 'dev', text: 'from outside', cid: 'o1' })).toBe(
      ErrorCode.NotMember,
    );
    expect(await code(bob, { type: 'join', room: 'dev', password: 'wrong' })).toBe(ErrorCode.BadRoomPassword);
    expect(await code(bob, { type: 'join', room: 'dev', password: 'open sesame' })).toBe('joined');
    expect(await code(dave, { type: 'join', room: 'dev', password: 'open sesame' })).toBe('joined');
    await ask(alice, { type: 'moderate', action: 'invite', name: 'carol', room: 'dev' });
    expect(await code(carol, { type: 'join', room: 'dev' })).toBe('joined');
    const read = await ask(dave, { type: 'mode', room: 'dev' });
    expect(read).toMatchObject({ type: 'mode', settings: { password: true } });
    expect(JSON.stringify(read)).not.toContain('sesame');
    // Guessing is throttled as log-ins are: five wrong tries per room and address in 15 minutes (a
    // right one forgets the address's misses, so bob's is gone).
    const erin = await people.guest(url, 'erin', ['lobby']);
    for (let i = 0; i < 5; i++)
      expect(await code(erin, { type: 'join', room: 'dev', password: `guess${i}` })).toBe(
        ErrorCode.BadRoomPassword,
      );
    const throttled = await ask(erin, { type: 'join', room: 'dev', password: 'open sesame' });
    expect(throttled).toMatchObject({ type: 'error', code: ErrorCode.RateLimited });
    expect(throttled.type === 'error' && throttled.message).toContain('too many wrong passwords for #dev');
    await ask(alice, { type: 'mode', room: 'dev', set: { password: null } });
    expect((await notice(alice, 'password', false)).text).toBe('alice removed the join password of #dev');
  });

  it('private: hidden from rooms, and its history, members and search refused to non-members; public rooms stay readable', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const dave = await people.guest(url, 'dave', ['lobby']);
    await ask(alice, { type: 'say', room: 'dev', text: 'secret plans', cid: 'a1' });
    await ask(alice, { type: 'mode', room: 'dev', set: { private: true } });
    const listed = (answer: ServerMessage) =>
      answer.type === 'rooms' ? answer.rooms.map((r) => r.room) : [];
    expect(listed(await ask(dave, { type: 'rooms' }))).toEqual(['lobby']);
    expect(listed(await ask(alice, { type: 'rooms' }))).toEqual(['dev', 'lobby']);
    // The owner reads it from anywhere, without being in it.
    expect(await code(alice, { type: 'leave', room: 'dev' })).toBe('left');
    expect(await code(alice, { type: 'members', room: 'dev' })).toBe('members');
    expect(await code(alice, { type: 'join', room: 'dev' })).toBe('joined');
    expect(await code(dave, { type: 'history', target: 'dev' })).toBe(ErrorCode.NotMember);
    expect(await code(dave, { type: 'members', room: 'dev' })).toBe(ErrorCode.NotMember);
    expect(await code(dave, { type: 'mode', room: 'dev' })).toBe(ErrorCode.NotMember);
    expect(await code(dave, { type: 'search', query: 'secret in:#dev' })).toBe(ErrorCode.NotMember);
    expect(await code(dave, { type: 'typing', room: 'dev', active: true })).toBe(ErrorCode.NotInRoom);
    expect(await code(alice, { type: 'history', target: 'lobby' })).toBe('history');
    expect(await code(alice, { type: 'members', room: 'lobby' })).toBe('members');
    // Private is unlisted, not closed: whoever knows the name may join, and then reads it.
    expect(await code(dave, { type: 'join', room: 'dev' })).toBe('joined');
    const page = await ask(dave, { type: 'history', target: 'dev' });
    expect(page.type === 'history' && page.messages.some((m) => m.text === 'secret plans')).toBe(true);
  });

  it('server admins see, read and enter private, invite-only and password rooms', async () => {
    const url = await start(['root']);
    const alice = await people.account(url, 'alice');
    const root = await people.account(url, 'root', ['lobby']);
    await ask(alice, { type: 'mode', room: 'dev', set: { private: true, inviteOnly: true, password: 'pw' } });
    const listed = await ask(root, { type: 'rooms' });
    expect(listed.type === 'rooms' && listed.rooms.map((r) => r.room)).toEqual(['dev', 'lobby']);
    expect(await code(root, { type: 'history', target: 'dev' })).toBe('history');
    expect(await code(root, { type: 'join', room: 'dev' })).toBe('joined');
    expect(await code(root, { type: 'mode', room: 'dev', set: { private: false } })).toBe('mode');
  });

  it('invite-only rooms are members-only to read too', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const dave = await people.guest(url, 'dave', ['lobby']);
    await ask(alice, { type: 'mode', room: 'dev', set: { inviteOnly: true } });
    expect(await code(dave, { type: 'history', target: 'dev' })).toBe(ErrorCode.NotMember);
    expect(await code(dave, { type: 'members', room: 'dev' })).toBe(ErrorCode.NotMember);
    const listed = await ask(dave, { type: 'rooms' });
    expect(listed.type === 'rooms' && listed.rooms.map((r) => r.room)).toEqual(['dev', 'lobby']);
  });

  it('settings are for operators; topic protection can be turned off and on', async () => {
    const url = await start();
    const alice = await people.account(url, 'alice');
    const bob = await people.account(url, 'bob');
    expect(await code(bob, { type: 'mode', room: 'dev', set: { inviteOnly: true } })).toBe(
      ErrorCode.NotOperator,
    );
    expect(settingsOf(await ask(bob, { type: 'mode', room: 'dev' }))).toEqual({
      moderated: false,
      inviteOnly: false,
      topicProtected: true,
      private: false,
      password: false,
    });
    expect(await code(bob, { type: 'topic', room: 'dev', topic: 'mine' })).toBe(ErrorCode.NotOperator);
    await ask(alice, { type: 'mode', room: 'dev', set: { topicProtected: false } });
    expect((await notice(bob, 'topicProtected', false)).text).toBe(
      'alice let everyone in #dev change its topic',
    );
    bob.send({ type: 'topic', room: 'dev', topic: 'anyone may' });
    await alice.next('message', (m) => m.event?.kind === 'topic' && m.event.nick === 'bob');
    await ask(alice, { type: 'mode', room: 'dev', set: { topicProtected: true } });
    expect(await code(bob, { type: 'topic', room: 'dev', topic: 'again' })).toBe(ErrorCode.NotOperator);
    // A change to what is already so stores no notice.
    const before = alice.of('message').length;
    await ask(alice, { type: 'mode', room: 'dev', set: { topicProtected: true } });
    await ask(alice, { type: 'say', room: 'dev', text: 'marker', cid: 'm' });
    await alice.next('message', (m) => m.text === 'marker');
    expect(alice.of('message').length).toBe(before + 1);
  });
});
