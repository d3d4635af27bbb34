import { parseSearchQuery } from 'aurora-protocol';
import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { PREFIX_WORDS, type SearchScope, type StoreSearch } from '../store/search.js';
import type { NewMessage, Store } from '../store/store.js';
import { dm, type StoreFactory, say } from './store-contract.js';

const rooms = (...names: string[]): SearchScope[] => names.map((name) => ({ target: `room:${name}` }));

/** A store search for a query text over some scopes (filters other than from: are the caller's). */
export function storeSearch(
  text: string,
  scopes: readonly SearchScope[],
  extra: Partial<StoreSearch> = {},
): StoreSearch {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  const { terms, from } = parsed.query;
  return {
    terms,
    scopes,
    limit: 20,
    ...(from === undefined ? {} : { fromKey: from.toLowerCase() }),
    ...extra,
  };
}

/**
 * The search rules every Store keeps: call inside a `describe` with a factory, beside `storeContract`.
 * SQLite (FTS5) and Redis (an inverted index) both run it.
 */
export function searchContract(create: StoreFactory): void {
  const open = async () => {
    const clock = new ManualClock();
    const store = await create({ clock });
    const add = async (...messages: NewMessage[]) => {
      for (const message of messages) {
        clock.advance(1000);
        await store.append(message);
      }
    };
    const find = async (text: string, scopes: readonly SearchScope[], extra: Partial<StoreSearch> = {}) =>
      (await store.search(storeSearch(text, scopes, extra))).found.map((found) => found.message.text);
    return { clock, store, add, find };
  };

  it('finds words in any case and without accents, newest first', async () => {
    const { add, find } = await open();
    await add(say('dev', 'The Café is open'), say('dev', 'nothing here'), say('dev', 'cafe closing soon'));
    expect(await find('CAFÉ', rooms('dev'))).toEqual(['cafe closing soon', 'The Café is open']);
    expect(await find('cafe open', rooms('dev'))).toEqual(['The Café is open']);
  });

  it('matches phrases only with their words in a row', async () => {
    const { add, find } = await open();
    await add(say('dev', 'release notes are out'), say('dev', 'notes on the release'));
    expect(await find('"release notes"', rooms('dev'))).toEqual(['release notes are out']);
  });

  it('matches prefixes', async () => {
    const { add, find } = await open();
    await add(say('dev', 'deploying now'), say('dev', 'deployed'), say('dev', 'employ'));
    expect(await find('deploy*', rooms('dev'))).toEqual(['deployed', 'deploying now']);
  });

  it('finds Chinese and Japanese text by bigrams and single characters', async () => {
    const { add, find } = await open();
    await add(say('dev', '我住在東京都'), say('dev', '京都は美しい'));
    expect(await find('東京', rooms('dev'))).toEqual(['我住在東京都']);
    expect(await find('京都', rooms('dev'))).toEqual(['京都は美しい', '我住在東京都']);
    expect(await find('都', rooms('dev'))).toEqual(['京都は美しい', '我住在東京都']);
  });

  it('searches only the targets it is given', async () => {
    const { add, find } = await open();
    await add(say('dev', 'secret plan'), say('ops', 'secret ops plan'), dm('bob', 'carol', 'secret dm'));
    expect(await find('secret', rooms('dev'))).toEqual(['secret plan']);
    expect(await find('secret', rooms('dev', 'ops'))).toEqual(['secret ops plan', 'secret plan']);
    expect(await find('secret', [])).toEqual([]);
    expect(await find('secret', [{ target: 'dm:bob carol' }])).toEqual(['secret dm']);
  });

  it('filters by sender, by time, and by when a guest took the name', async () => {
    const { add, find, clock } = await open();
    await add(say('dev', 'lunch?', 'alice'), say('dev', 'lunch!', 'bob'));
    const middle = clock.now() + 1;
    await add(say('dev', 'lunch at one', 'alice'), dm('alice', 'bob', 'lunch dm'));
    expect(await find('lunch from:Alice', rooms('dev'))).toEqual(['lunch at one', 'lunch?']);
    expect(await find('from:bob', rooms('dev'))).toEqual(['lunch!']);
    expect(await find('lunch', rooms('dev'), { before: middle })).toEqual(['lunch!', 'lunch?']);
    expect(await find('lunch', rooms('dev'), { after: middle })).toEqual(['lunch at one']);
    expect(await find('lunch', [{ target: 'dm:alice bob', notBefore: clock.now() + 1 }])).toEqual([]);
    expect(await find('lunch', [{ target: 'dm:alice bob', notBefore: middle }])).toEqual(['lunch dm']);
  });

  it('leaves out the senders the asker ignores, on every page', async () => {
    const { add, find } = await open();
    const spam = [say('dev', 'build two', 'spam'), say('dev', 'build four', 'spam')];
    await add(say('dev', 'build one', 'alice'), spam[0]!, say('dev', 'build three', 'bob'), spam[1]!);
    await add(dm('spam', 'carol', 'build five'));
    const scopes = [...rooms('dev'), { target: 'dm:carol spam' }];
    expect(await find('build', scopes, { exceptFromKeys: ['spam', 'nobody'] })).toEqual([
      'build three',
      'build one',
    ]);
    expect(await find('build', scopes, { exceptFromKeys: ['spam'], limit: 1 })).toEqual(['build three']);
    expect(await find('from:spam', scopes, { exceptFromKeys: ['spam'] })).toEqual([]);
    expect(await find('build', scopes, { exceptFromKeys: [] })).toHaveLength(5);
  });

  it('finds by sender the messages without a word: emoji and punctuation alone', async () => {
    const { add, find } = await open();
    await add(
      say('dev', '👍', 'alice'),
      say('dev', ':)', 'alice'),
      say('dev', '+1', 'bob'),
      say('dev', '!!', 'bob'),
    );
    expect(await find('from:alice', rooms('dev'))).toEqual([':)', '👍']);
    expect(await find('from:bob', rooms('dev'))).toEqual(['!!', '+1']);
  });

  it('refuses a prefix of more than PREFIX_WORDS words in the targets searched, and runs one of that many', async () => {
    const { add, store } = await open();
    const words = Array.from({ length: PREFIX_WORDS + 1 }, (_, i) => `pre${String(i).padStart(3, '0')}x`);
    await add(say('dev', words.slice(0, PREFIX_WORDS).join(' ')), say('ops', words.at(-1)!));
    const dev = await store.search(storeSearch('pre*', rooms('dev')));
    expect(dev.tooCommon).toBeUndefined();
    expect(dev.found).toHaveLength(1);
    expect(await store.search(storeSearch('pre*', rooms('dev', 'ops')))).toEqual({
      found: [],
      tooCommon: 'pre',
    });
    expect((await store.search(storeSearch('pre00*', rooms('dev', 'ops')))).found).toHaveLength(1);
  });

  it('pages newest first with a cursor, every match once', async () => {
    const { add, store } = await open();
    for (let i = 1; i <= 7; i++) await add(say(i % 2 ? 'dev' : 'ops', `match ${i}`));
    const seen: string[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await store.search(
        storeSearch('match', rooms('dev', 'ops'), { limit: 3, ...(cursor === undefined ? {} : { cursor }) }),
      );
      seen.push(...page.found.map((found) => found.message.text));
      cursor = page.next;
      if (cursor === undefined) break;
    }
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `match ${i}`));
  });

  it('pages on through candidates the filters reject, short pages included, every match once', async () => {
    const clock = new ManualClock();
    // A small budget, where a store has one, so the rejected candidates outnumber it several times.
    const store = await create({ clock, searchBudget: 4 });
    let before = 0;
    for (let i = 1; i <= 14; i++) {
      clock.advance(1000);
      await store.append(say(i % 2 ? 'dev' : 'ops', `match ${i}`));
      if (i === 3) before = clock.now() + 1;
    }
    const seen: string[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.search(
        storeSearch('match', rooms('dev', 'ops'), {
          limit: 2,
          before,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      expect(page.found.length).toBeLessThanOrEqual(2);
      seen.push(...page.found.map((found) => found.message.text));
      cursor = page.next;
      if (cursor === undefined) break;
    }
    expect(seen).toEqual(['match 3', 'match 2', 'match 1']);
  });

  it('lists the direct conversations a person takes part in, sent or received', async () => {
    const { add, store } = await open();
    await add(dm('alice', 'bob', 'hi'), dm('carol', 'alice', 'yo'), say('dev', 'not a dm'));
    expect((await store.accounts.directTargets('alice')).sort()).toEqual(['dm:alice bob', 'dm:alice carol']);
    expect(await store.accounts.directTargets('bob')).toEqual(['dm:alice bob']);
    expect(await store.accounts.directTargets('dave')).toEqual([]);
  });

  it('finds nothing retention removed, by word, prefix, phrase or sender', async () => {
    const clock = new ManualClock();
    const store: Store = await create({ clock, retention: { maxPerTarget: 1 } });
    for (const message of [
      say('dev', 'zebra crossing', 'dora'),
      say('dev', '👍', 'dora'),
      say('dev', 'kept', 'eve'),
    ]) {
      clock.advance(1000);
      await store.append(message);
    }
    await store.prune(clock.now());
    const texts = async (text: string) =>
      (await store.search(storeSearch(text, rooms('dev')))).found.map((found) => found.message.text);
    for (const query of ['zebra', 'zeb*', '"zebra crossing"', 'from:dora'])
      expect(await texts(query)).toEqual([]);
    expect(await texts('from:eve')).toEqual(['kept']);
  });

  it('does not index system notices, and forgets what retention removed', async () => {
    const clock = new ManualClock();
    const store: Store = await create({ clock, retention: { maxPerTarget: 2 } });
    const notice: NewMessage = {
      ...say('dev', 'alice joined'),
      kind: 'system',
      event: { kind: 'join', nick: 'alice' },
    };
    for (const message of [
      notice,
      say('dev', 'old joined'),
      say('dev', 'new joined'),
      say('dev', 'newest'),
    ]) {
      clock.advance(1000);
      await store.append(message);
    }
    await store.prune(clock.now());
    const page = await store.search(storeSearch('joined', rooms('dev')));
    expect(page.found.map((found) => found.message.text)).toEqual(['new joined']);
  });
}
