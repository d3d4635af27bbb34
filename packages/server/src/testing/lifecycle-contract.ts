import { applyMessageEvent, type ChatMessage, ErrorCode, isMessageEvent } from 'aurora-protocol';
import { ManualClock } from 'aurora-testkit';
import { expect, it } from 'vitest';
import { type ChangeRequest, decideChange, type LifecycleLimits } from '../messages/lifecycle.js';
import type { Store } from '../store/store.js';
import { storeSearch } from './search-contract.js';
import { dm, type StoreFactory, say } from './store-contract.js';

const LIMITS: LifecycleLimits = { editWindowMs: 60_000, maxReactionsPerMessage: 2 };
const DEV = 'room:dev';

/**
 * The rules of edits, deletes, reactions and replies every Store keeps, run through the real
 * lifecycle rules: call inside a `describe` with a factory, beside `storeContract`. SQLite and Redis
 * both run it, so a message lives the same life on one node and in a cluster.
 */
export function lifecycleContract(create: StoreFactory): void {
  const open = async () => {
    const clock = new ManualClock();
    const store = await create({ clock });
    const change = (by: string, seq: number, request: ChangeRequest) =>
      store.change(
        DEV,
        seq,
        decideChange(
          { nick: by, key: by, account: false },
          { target: DEV, room: 'dev' },
          seq,
          request,
          LIMITS,
        ),
      );
    const all = async () => (await store.page(DEV, { limit: 100 })).messages;
    return { clock, store, change, all };
  };
  const lines = (messages: ChatMessage[]) => messages.filter((m) => !isMessageEvent(m));
  const search = async (store: Store, text: string) =>
    (await store.search(storeSearch(text, [{ target: DEV }]))).found.map((found) => found.message.seq);

  it('an edit is an event with the next seq; the message keeps its id, seq, sender and time', async () => {
    const { clock, store, change, all } = await open();
    const { message: sent } = await store.append(say('dev', 'helo wrld'));
    clock.advance(5000);
    const result = await change('alice', sent.seq, { kind: 'edit', text: 'hello world' });
    expect(result).toMatchObject({
      ok: true,
      event: { seq: 2, kind: 'edit', about: 1, text: 'hello world' },
    });
    const [message, event] = await all();
    expect(message).toEqual({ ...sent, text: 'hello world', edited: sent.ts + 5000, rev: 2 });
    expect(result.ok && result.message).toEqual(message);
    expect(event).toMatchObject({ seq: 2, kind: 'edit', about: 1, from: 'alice', ts: sent.ts + 5000 });
    expect((await store.bounds(DEV)).last).toBe(2);
    expect((await store.message(DEV, 1))?.message.text).toBe('hello world');
  });

  it('refuses others, missing messages, notices and closed windows, and then nothing changes', async () => {
    const { clock, store, change, all } = await open();
    await store.append(say('dev', 'mine'));
    await store.append({ ...say('dev', 'bob joined', 'bob'), kind: 'system' });
    const before = await all();
    const codes = [
      await change('bob', 1, { kind: 'edit', text: 'hacked' }),
      await change('bob', 1, { kind: 'delete' }),
      await change('alice', 9, { kind: 'edit', text: 'x' }),
      await change('alice', 2, { kind: 'reaction', emoji: '👍', on: true }),
    ].map((result) => !result.ok && result.code);
    clock.advance(LIMITS.editWindowMs + 1);
    const late = await change('alice', 1, { kind: 'edit', text: 'too late' });
    expect([...codes, !late.ok && late.code]).toEqual([
      ErrorCode.NotAuthor,
      ErrorCode.NotAuthor,
      ErrorCode.NoSuchMessage,
      ErrorCode.NoSuchMessage,
      ErrorCode.EditWindowClosed,
    ]);
    expect(await all()).toEqual(before);
    expect((await store.bounds(DEV)).last).toBe(2);
    // A delete has no window.
    expect((await change('alice', 1, { kind: 'delete' })).ok).toBe(true);
  });

  it('a delete leaves a placeholder, and its text and its edits’ text are gone from the store', async () => {
    const { store, change, all } = await open();
    await store.append(say('dev', 'secret one'));
    await change('alice', 1, { kind: 'edit', text: 'secret two' });
    await change('bob', 1, { kind: 'reaction', emoji: '👍', on: true });
    const deleted = await change('alice', 1, { kind: 'delete' });
    expect(deleted).toMatchObject({ ok: true, event: { seq: 4, kind: 'delete', about: 1 } });
    const messages = await all();
    expect(messages[0]).toMatchObject({ seq: 1, text: '', deleted: true, rev: 4 });
    expect(messages[0]).not.toHaveProperty('reactions');
    expect(JSON.stringify(messages)).not.toContain('secret');
    const again = await change('alice', 1, { kind: 'edit', text: 'back' });
    expect(!again.ok && again.code).toBe(ErrorCode.NoSuchMessage);
  });

  it('keeps one reaction per person per emoji, counted by who, and bounds the emoji per message', async () => {
    const { store, change, all } = await open();
    await store.append(say('dev', 'ship it?'));
    await change('bob', 1, { kind: 'reaction', emoji: '👍', on: true });
    const twice = await change('bob', 1, { kind: 'reaction', emoji: '👍', on: true });
    expect(twice.ok && twice.event).toBeUndefined();
    await change('carol', 1, { kind: 'reaction', emoji: '👍', on: true });
    await change('carol', 1, { kind: 'reaction', emoji: '🎉', on: true });
    const third = await change('dave', 1, { kind: 'reaction', emoji: '🚀', on: true });
    expect(!third.ok && third.code).toBe(ErrorCode.TooManyReactions);
    await change('bob', 1, { kind: 'reaction', emoji: '👍', on: false });
    const [message] = await all();
    expect(message?.reactions).toEqual([
      { emoji: '👍', who: ['carol'] },
      { emoji: '🎉', who: ['carol'] },
    ]);
    expect((await store.bounds(DEV)).last).toBe(5);
  });

  it('folding the stored events over the messages as sent gives the current state (what resume relies on)', async () => {
    const { clock, store, change, all } = await open();
    const sent: ChatMessage[] = [];
    for (const text of ['one', 'two', 'three']) sent.push((await store.append(say('dev', text))).message);
    clock.advance(1000);
    await change('alice', 2, { kind: 'edit', text: 'two!' });
    await change('bob', 1, { kind: 'reaction', emoji: '❤️', on: true });
    sent.push((await store.append({ ...say('dev', 'four'), replyTo: 2 })).message);
    await change('alice', 3, { kind: 'delete' });
    await change('alice', 2, { kind: 'edit', text: 'two!!' });
    const stored = await all();
    const live = sent.map((message) =>
      stored.filter(isMessageEvent).reduce((state, event) => applyMessageEvent(state, event), message),
    );
    expect(live).toEqual(lines(stored));
    expect(lines(stored)[3]).toMatchObject({ text: 'four', replyTo: 2 });
    // A state paged after the events it holds is not turned back by them.
    let replayed: ChatMessage[] = [];
    for (const message of stored)
      if (isMessageEvent(message)) replayed = replayed.map((state) => applyMessageEvent(state, message));
      else replayed.push(message);
    expect(replayed).toEqual(lines(stored));
  });

  it('search finds an edited message by its current text only, and a deleted one never', async () => {
    const { store, change } = await open();
    await store.append(say('dev', 'the old wording'));
    await store.append(say('dev', 'remove this note'));
    await change('alice', 1, { kind: 'edit', text: 'the new phrasing' });
    await change('alice', 2, { kind: 'delete' });
    expect(await search(store, 'wording')).toEqual([]);
    expect(await search(store, 'phrasing')).toEqual([1]);
    expect(await search(store, 'note')).toEqual([]);
    expect(await search(store, 'from:alice')).toEqual([1]);
    const found = await store.search(storeSearch('phrasing', [{ target: DEV }]));
    expect(found.found[0]?.message).toMatchObject({ text: 'the new phrasing', edited: expect.any(Number) });
  });

  it('leaves events out of what a person is told of: direct messages in the digest', async () => {
    const { store } = await open();
    const sent = (await store.append(dm('alice', 'bob', 'psst'))).message;
    const target = dm('alice', 'bob', '').target;
    const decide = decideChange(
      { nick: 'alice', key: 'alice', account: true },
      { target, to: 'bob', toKey: 'bob' },
      sent.seq,
      { kind: 'edit', text: 'psst!' },
      LIMITS,
    );
    expect((await store.change(target, sent.seq, decide)).ok).toBe(true);
    const direct = await store.accounts.directTo('bob', 10);
    expect(direct.map(({ message }) => [message.kind, message.text])).toEqual([['dm', 'psst!']]);
  });
}
