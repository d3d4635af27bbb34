import { ErrorCode } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { PREFIX_WORDS } from '../store/search.js';
import { createTestHub } from '../testing/test-hub.js';

const fast = { limits: { burst: 1000, ratePerSecond: 1000 } };

describe('search', () => {
  it('counts against the rate limit, answering rate_limited with the wait', async () => {
    const { connect } = createTestHub();
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    for (let i = 0; i < 6; i++) await alice.send({ type: 'search', query: 'x', ref: `s${i}` });
    expect(alice.peer.of('search_results')).toHaveLength(5);
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.RateLimited, ref: 's5' });
  });

  it("never shows a guest the direct messages of the name's earlier holder", async () => {
    const { connect, clock } = createTestHub(fast);
    const bob = connect();
    const first = connect();
    await bob.hello('bob');
    await first.hello('carol');
    await bob.send({ type: 'dm', to: 'carol', text: 'secret for the first carol', cid: 'd1' });
    await first.disconnect();
    clock.advance(1000);
    const second = connect();
    await second.hello('carol');
    await bob.send({ type: 'dm', to: 'carol', text: 'secret for the second carol', cid: 'd2' });
    await second.send({ type: 'search', query: 'secret', ref: 's' });
    expect(second.peer.last()).toMatchObject({
      type: 'search_results',
      results: [{ target: '@bob', from: 'bob' }],
    });
    await bob.send({ type: 'search', query: 'secret in:@Carol', ref: 's' });
    const found = bob.peer.last();
    expect(found?.type === 'search_results' && found.results.map((r) => r.target)).toEqual([
      '@carol',
      '@carol',
    ]);
  });

  it('leaves out the messages of people an account ignores', async () => {
    const { connect } = createTestHub(fast);
    const alice = connect();
    await alice.send({ type: 'register', name: 'alice', password: 'correct horse' });
    const { token } = alice.peer.of('auth').at(-1)!;
    await alice.hello('alice', { rooms: ['dev'], token });
    const spam = connect();
    await spam.hello('spammer', { rooms: ['dev'] });
    await spam.send({ type: 'say', room: 'dev', text: 'cheap watches deal', cid: 'c1' });
    await alice.send({ type: 'say', room: 'dev', text: 'a deal is a deal', cid: 'c2' });
    await alice.send({ type: 'search', query: 'deal', ref: 's' });
    expect(alice.peer.last()).toMatchObject({ results: [{ from: 'alice' }, { from: 'spammer' }] });
    await alice.send({ type: 'ignore', op: 'add', name: 'Spammer' });
    await alice.send({ type: 'search', query: 'deal', ref: 's' });
    expect(alice.peer.last()).toMatchObject({ type: 'search_results', results: [{ from: 'alice' }] });
    expect(alice.peer.last()).toMatchObject({ results: { length: 1 } });
  });

  it('names a conversation with oneself @self, and refuses an in: that names nothing', async () => {
    const { connect } = createTestHub(fast);
    const alice = connect();
    await alice.hello('alice');
    await alice.send({ type: 'dm', to: 'alice', text: 'note to self', cid: 'd1' });
    await alice.send({ type: 'search', query: 'note', ref: 's' });
    expect(alice.peer.last()).toMatchObject({ results: [{ target: '@alice' }] });
    const underscores = connect();
    await underscores.hello('___', { rooms: ['dev'] });
    await underscores.send({ type: 'say', room: 'dev', text: 'from a name of punctuation', cid: 'c1' });
    await alice.send({ type: 'search', query: 'from:___ in:#dev', ref: 'p' });
    expect(alice.peer.last()).toMatchObject({ type: 'search_results', results: [{ from: '___' }] });
    await alice.send({ type: 'search', query: 'note in:@no.such!name', ref: 'bad' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadQuery, ref: 'bad' });
  });

  it('answers search_unavailable from a server without the search index, and stores messages as ever', async () => {
    const { connect } = createTestHub({ ...fast, searchIndex: false });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    await alice.send({ type: 'say', room: 'dev', text: 'findable elsewhere', cid: 'c1' });
    expect(alice.peer.of('ack')).toHaveLength(1);
    await alice.send({ type: 'search', query: 'findable', ref: 's' });
    expect(alice.peer.last()).toMatchObject({
      type: 'error',
      code: ErrorCode.SearchUnavailable,
      ref: 's',
      message: expect.stringContaining('--search-index off'),
    });
  });

  it('refuses a prefix too common to expand with bad_query, saying to add letters', async () => {
    const { connect } = createTestHub(fast);
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    const words = Array.from({ length: PREFIX_WORDS + 1 }, (_, i) => `pre${i}x`).join(' ');
    await alice.send({ type: 'say', room: 'dev', text: words, cid: 'c1' });
    await alice.send({ type: 'search', query: 'pre*', ref: 'p' });
    expect(alice.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadQuery, ref: 'p' });
    expect(JSON.stringify(alice.peer.last())).toContain('add letters');
    await alice.send({ type: 'search', query: 'pre1*', ref: 'q' });
    expect(alice.peer.last()).toMatchObject({
      type: 'search_results',
      results: [{ from: 'alice' }],
      ref: 'q',
    });
  });
});
