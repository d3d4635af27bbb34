import { describe, expect, it } from 'vitest';
import { createTestHub } from './testing/test-hub.js';

describe('guest connection notices in direct conversations', () => {
  it('tells alice when the bob she writes to is a new guest, not the one she wrote to before', async () => {
    const { connect, clock } = createTestHub();
    const signup = connect();
    await signup.send({ type: 'register', name: 'alice', password: 'correct horse' });
    const token = signup.peer.of('auth')[0]!.token;
    const alice = connect();
    await alice.hello('ignored', { token });
    const bob = connect();
    await bob.hello('bob');
    await alice.send({ type: 'dm', to: 'bob', text: 'the plan is on', cid: 'd1' });
    await bob.send({ type: 'dm', to: 'alice', text: 'great', cid: 'd2' });
    await alice.send({ type: 'dm', to: 'bob', text: 'see you', cid: 'd3' });
    const notices = (client: typeof alice) =>
      client.peer.of('message').filter((m) => m.kind === 'system' && m.to !== undefined);
    // One notice for the first bob, at the start; none for the messages after it.
    expect(notices(alice).map((m) => m.text)).toEqual([expect.stringMatching(/^bob is a guest/)]);
    await bob.disconnect();
    clock.advance(60_000);
    const impostor = connect();
    await impostor.hello('bob');
    await alice.send({ type: 'dm', to: 'bob', text: 'did you bring it?', cid: 'd4' });
    expect(notices(alice).at(-1)).toMatchObject({
      from: 'bob',
      to: 'alice',
      text: 'bob is on a new guest connection: they may not be the bob from earlier in this conversation',
    });
    // The new bob sees the notice, then alice's message, and nothing of the first bob's conversation.
    expect(impostor.peer.of('message').map((m) => m.kind)).toEqual(['system', 'dm']);
    await alice.send({ type: 'dm', to: 'bob', text: 'hello?', cid: 'd5' });
    expect(notices(alice)).toHaveLength(2);
    await alice.send({ type: 'history', target: '@bob' });
    const page = alice.peer.last() as { messages: { kind: string; text: string }[] };
    expect(page.messages.map((m) => (m.kind === 'system' ? 'notice' : m.text))).toEqual([
      'notice',
      'the plan is on',
      'great',
      'see you',
      'notice',
      'did you bring it?',
      'hello?',
    ]);
  });

  it('starts a conversation between two guests with one notice for each, and no "new connection"', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice');
    const bob = connect();
    await bob.hello('bob');
    await alice.send({ type: 'dm', to: 'bob', text: 'hi', cid: 'd1' });
    await bob.send({ type: 'dm', to: 'alice', text: 'hey', cid: 'd2' });
    expect(bob.peer.of('message').map((m) => m.text)).toEqual([
      'alice is a guest (not a registered account): anyone may use the name once they leave',
      'bob is a guest (not a registered account): anyone may use the name once they leave',
      'hi',
      'hey',
    ]);
  });

  it('says nothing between two accounts', async () => {
    const { connect } = createTestHub();
    const tokens: string[] = [];
    for (const name of ['alice', 'bob']) {
      const signup = connect();
      await signup.send({ type: 'register', name, password: 'correct horse' });
      tokens.push(signup.peer.of('auth')[0]!.token);
    }
    const alice = connect();
    await alice.hello('x', { token: tokens[0]! });
    const bob = connect();
    await bob.hello('x', { token: tokens[1]! });
    await alice.send({ type: 'dm', to: 'bob', text: 'hi', cid: 'd1' });
    expect(bob.peer.of('message').map((m) => m.kind)).toEqual(['dm']);
  });
});
