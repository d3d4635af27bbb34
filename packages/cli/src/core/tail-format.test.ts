import { readFileSync } from 'node:fs';
import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { caughtUpJson, gapJson, TAIL_JSON_VERSION, tailJson, tailText } from './tail-format.js';

describe('tailJson', () => {
  it('has the fields scripts rely on, with an ISO 8601 time', () => {
    const line = tailJson(
      chat(7, 'alice', 'build **412** passed', {
        room: 'dev',
        id: 'm_1',
        ts: Date.UTC(2026, 2, 3, 12, 4, 5),
      }),
      'CURSOR',
    );
    expect(JSON.parse(line)).toEqual({
      v: 1,
      type: 'message',
      kind: 'chat',
      room: 'dev',
      from: 'alice',
      text: 'build **412** passed',
      ts: '2026-03-03T12:04:05.000Z',
      id: 'm_1',
      seq: 7,
      cursor: 'CURSOR',
    });
  });

  it('keeps the text exact but never writes a raw control character', () => {
    const text = 'a\x1b[31mb\x07\x9bc\u202ed\ne';
    const line = tailJson(chat(1, 'bob', text), 'CURSOR');
    expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
    expect(JSON.parse(line).text).toBe(text);
  });

  it('escapes DEL, zero-width space and BOM in every remote field, keeping them exact', () => {
    const text = 'del\x7f zwsp\u200b bom\ufeff';
    const line = tailJson(chat(1, 'b\u200bob', text, { room: 'd\ufeffev' }), 'CURSOR');
    expect(line).not.toMatch(/[\x7f\u200b\ufeff]/);
    expect(line).toContain('del\\u007f zwsp\\u200b bom\\ufeff');
    expect(JSON.parse(line)).toMatchObject({ text, from: 'b\u200bob', room: 'd\ufeffev' });
  });

  it('says when the sender is registered, and only then', () => {
    expect(JSON.parse(tailJson(chat(1, 'alice', 'hi', { account: true }), 'CURSOR'))).toMatchObject({
      from: 'alice',
      account: true,
    });
    expect(JSON.parse(tailJson(chat(1, 'bob', 'hi'), 'CURSOR'))).not.toHaveProperty('account');
  });

  it('says when a webhook posted it, and only then', () => {
    expect(JSON.parse(tailJson(chat(1, 'builds', 'passed', { bot: true }), 'CURSOR'))).toMatchObject({
      from: 'builds',
      bot: true,
    });
    expect(JSON.parse(tailJson(chat(1, 'bob', 'hi'), 'CURSOR'))).not.toHaveProperty('bot');
  });

  it('gives direct messages a null room and the recipient', () => {
    expect(JSON.parse(tailJson(chat(1, 'bob', 'hi', { to: 'watcher' }), 'CURSOR'))).toMatchObject({
      kind: 'dm',
      room: null,
      to: 'watcher',
    });
  });
});

describe('tailText', () => {
  it('prints one sanitized line per message', () => {
    const line = tailText(chat(1, 'bob', 'one\ntwo \x1b[2J', { room: 'dev' }), 'watcher');
    expect(line).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d #dev <bob> one two $/);
  });

  it('shows actions, notices and direct messages their own way', () => {
    expect(tailText(chat(1, 'bob', 'waves', { kind: 'action' }), 'w')).toMatch(/ #dev \* bob waves$/);
    expect(tailText(chat(1, 'bob', 'bob joined', { kind: 'system' }), 'w')).toMatch(/ #dev -- bob joined$/);
    expect(tailText(chat(1, 'bob', 'psst', { to: 'w' }), 'w')).toMatch(/ @bob <bob> psst$/);
  });

  it('marks a registered sender with ✓, never a guest', () => {
    expect(tailText(chat(1, 'alice', 'hi', { account: true }), 'w')).toMatch(/ #dev <alice✓> hi$/);
    expect(tailText(chat(1, 'alice', 'waves', { kind: 'action', account: true }), 'w')).toMatch(
      /\* alice✓ waves$/,
    );
    expect(tailText(chat(1, 'bob', 'hi'), 'w')).toMatch(/ #dev <bob> hi$/);
  });

  it('marks a webhook with ⚙', () => {
    expect(tailText(chat(1, 'builds', 'passed', { bot: true }), 'w')).toMatch(/ #dev <builds⚙> passed$/);
  });
});

describe('the JSON lines of tail, a stable interface (PROTOCOL.md, "Lines of tail --json")', () => {
  // Read as a file, not imported: the table scripts are promised is the one these lines must match.
  const protocol = readFileSync(new URL('../../../protocol/PROTOCOL.md', import.meta.url), 'utf8')
    .split('### Lines of `tail --json`')[1]
    ?.split('\n### ')[0];
  /** The documented fields of a line type, in order; optional ones end with `?`. */
  const documented = (type: string): string[] => {
    const row = protocol?.split('\n').find((line) => line.startsWith(`| \`${type}\``));
    if (!row) throw new Error(`PROTOCOL.md documents no ${type} line`);
    return [...(row.split('|')[2] ?? '').matchAll(/`([a-zA-Z_]+\??)`/g)].map((match) => match[1] ?? '');
  };
  const keys = (line: string) => Object.keys(JSON.parse(line));
  const full = chat(7, 'alice', 'joined', {
    to: 'bob',
    account: true,
    bot: true,
    kind: 'system',
    event: { kind: 'join', nick: 'alice' },
    id: 'm_1',
    ts: Date.UTC(2026, 2, 3, 12, 4, 5),
  });

  it('prints exactly these lines, byte for byte', () => {
    expect(tailJson(chat(7, 'alice', 'hi', { room: 'dev', id: 'm_1', ts: Date.UTC(2026, 2, 3) }), 'C1')).toBe(
      '{"v":1,"type":"message","kind":"chat","room":"dev","from":"alice","text":"hi","ts":"2026-03-03T00:00:00.000Z","id":"m_1","seq":7,"cursor":"C1"}',
    );
    expect(tailJson(full, 'C2')).toBe(
      '{"v":1,"type":"message","kind":"system","room":null,"to":"bob","from":"alice","account":true,"bot":true,"text":"joined","ts":"2026-03-03T12:04:05.000Z","id":"m_1","seq":7,"event":{"kind":"join","nick":"alice"},"cursor":"C2"}',
    );
    expect(caughtUpJson('C3')).toBe('{"v":1,"type":"caught_up","cursor":"C3"}');
    expect(gapJson('@bob', 'C4')).toBe('{"v":1,"type":"gap","target":"@bob","cursor":"C4"}');
    expect(TAIL_JSON_VERSION).toBe(1);
  });

  it('has the fields PROTOCOL.md lists, in its order, the optional ones only when set', () => {
    const message = documented('message');
    // Every optional field at once, which no one message has (an event and a changed message both).
    const everything = {
      ...full,
      replyTo: 2,
      about: 3,
      emoji: '👍',
      on: true,
      edited: full.ts,
      deleted: true,
      reactions: [{ emoji: '👍', who: ['bob'] }],
    };
    expect(keys(tailJson(everything, 'C'))).toEqual(message.map((field) => field.replace('?', '')));
    expect(keys(tailJson(chat(1, 'bob', 'hi'), 'C'))).toEqual(
      message.filter((field) => !field.endsWith('?')),
    );
    expect(keys(caughtUpJson('C'))).toEqual(documented('caught_up'));
    expect(keys(gapJson('dev', 'C'))).toEqual(documented('gap'));
  });
});

describe('edits, deletes, reactions and replies in tail', () => {
  it('emits each event as a JSON object naming the message it changes, and a reply names its original', () => {
    const edit = JSON.parse(tailJson({ ...chat(9, 'alice', 'fixed'), kind: 'edit', about: 7 }, 'C'));
    expect(edit).toMatchObject({ kind: 'edit', about: 7, text: 'fixed', seq: 9 });
    const reaction = JSON.parse(
      tailJson({ ...chat(10, 'bob', ''), kind: 'reaction', about: 7, emoji: '👍', on: false }, 'C'),
    );
    expect(reaction).toMatchObject({ kind: 'reaction', about: 7, emoji: '👍', on: false });
    expect(JSON.parse(tailJson({ ...chat(11, 'bob', 'yes'), replyTo: 7 }, 'C'))).toMatchObject({
      replyTo: 7,
    });
    const state = JSON.parse(tailJson({ ...chat(7, 'alice', ''), deleted: true, rev: 12 }, 'C'));
    expect(state).toMatchObject({ deleted: true, text: '' });
  });

  it('prints events as one line each, naming the message by its number', () => {
    expect(tailText({ ...chat(9, 'alice', 'fixed'), kind: 'edit', about: 7 }, 'me')).toMatch(
      /<alice> edited #7: fixed$/,
    );
    expect(tailText({ ...chat(9, 'alice', ''), kind: 'delete', about: 7 }, 'me')).toMatch(
      /-- alice deleted #7$/,
    );
    expect(
      tailText({ ...chat(9, 'bob', ''), kind: 'reaction', about: 7, emoji: '🎉', on: true }, 'me'),
    ).toMatch(/-- bob reacted 🎉 on #7$/);
  });
});
