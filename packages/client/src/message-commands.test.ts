import type { ServerMessage } from 'aurora-protocol';
import { chat, joined, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer, initialChatState } from './chat-state.js';
import { parseInput } from './commands.js';
import { planMessageCommand } from './message-commands.js';

const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: 0,
});
const state = [
  server(welcome('alice')),
  server(
    joined('dev', {
      seq: 3,
      history: [
        chat(1, 'alice', 'one'),
        {
          ...chat(2, 'bob', 'two'),
          rev: 3,
          reactions: [
            { emoji: '👍', who: ['alice', 'carol'] },
            { emoji: '🎉', who: ['bob'] },
          ],
        },
        chat(3, 'alice', 'three'),
      ],
    }),
  ),
].reduce(chatReducer, initialChatState('alice'));

function plan(line: string) {
  const parsed = parseInput(line);
  if (!parsed.ok) return parsed;
  const command = parsed.command;
  if (
    command.type !== 'edit' &&
    command.type !== 'delete' &&
    command.type !== 'react' &&
    command.type !== 'reply' &&
    command.type !== 'reactions' &&
    command.type !== 'goto'
  )
    throw new Error(`not a message command: ${line}`);
  return planMessageCommand(state, command);
}

describe('/edit, /delete, /react, /reply', () => {
  it('name a message by its number, or mean your last message', () => {
    expect(plan('/edit 1 uno')).toEqual({
      kind: 'change',
      target: 'dev',
      seq: 1,
      change: { kind: 'edit', text: 'uno' },
    });
    expect(plan('/edit three!')).toMatchObject({ seq: 3, change: { kind: 'edit', text: 'three!' } });
    expect(plan('/delete')).toMatchObject({ seq: 3, change: { kind: 'delete' } });
    expect(plan('/del #1')).toMatchObject({ seq: 1, change: { kind: 'delete' } });
  });

  it('react with an emoji or a shortcode, and reply quoting the message', () => {
    expect(plan('/react 2 :tada:')).toMatchObject({
      seq: 2,
      change: { kind: 'react', emoji: '🎉', on: true },
    });
    expect(plan('/reply 2 sure')).toEqual({
      kind: 'send',
      target: 'dev',
      sendKind: 'say',
      text: 'sure',
      replyTo: 2,
    });
  });

  it('refuse someone else’s message, a missing one and a bad emoji with a sentence', () => {
    expect(plan('/edit 2 mine now')).toMatchObject({
      kind: 'refuse',
      message: expect.stringMatching(/not_author/),
    });
    expect(plan('/delete 9')).toMatchObject({ kind: 'refuse', message: 'There is no message 9 here.' });
    expect(plan('/react 2 lol')).toMatchObject({
      kind: 'refuse',
      message: expect.stringMatching(/bad_emoji/),
    });
    expect(plan('/react 2')).toMatchObject({ ok: false, code: 'bad_argument' });
    expect(plan('/reply 2')).toMatchObject({ ok: false, code: 'bad_argument' });
  });
});

describe('/delete by a moderator', () => {
  const asOperator = [
    server(welcome('alice')),
    server(
      joined('dev', {
        seq: 2,
        members: [
          { nick: 'alice', away: false, role: 'operator' },
          { nick: 'bob', away: false },
        ],
        history: [chat(1, 'alice', 'one'), chat(2, 'bob', 'spam')],
      }),
    ),
  ].reduce(chatReducer, initialChatState('alice'));
  const planned = (line: string, state = asOperator) => {
    const parsed = parseInput(line);
    if (!parsed.ok || (parsed.command.type !== 'delete' && parsed.command.type !== 'edit'))
      throw new Error(line);
    return planMessageCommand(state, parsed.command);
  };

  it("deletes someone else's message in a room it moderates, but never edits it", () => {
    expect(planned('/delete 2')).toMatchObject({ kind: 'change', seq: 2, change: { kind: 'delete' } });
    expect(planned('/edit 2 nicer')).toEqual({
      kind: 'refuse',
      message: 'Message 2 is not yours (not_author).',
    });
    expect(planned('/delete 2', state)).toEqual({
      kind: 'refuse',
      message: 'Message 2 is not yours (not_author).',
    });
  });
});

describe('/reactions and /goto', () => {
  it('say who reacted to a message, with what', () => {
    expect(plan('/reactions 2')).toEqual({
      kind: 'show',
      message: 'Reactions to message 2: 👍 alice, carol · 🎉 bob',
    });
    expect(plan('/reactions 1')).toEqual({ kind: 'show', message: 'Nobody reacted to message 1.' });
    expect(plan('/reactions 9')).toEqual({ kind: 'refuse', message: 'There is no message 9 here.' });
    expect(plan('/reactions')).toMatchObject({ ok: false });
  });

  it('go to a message further back than what is loaded, but not past the last one', () => {
    expect(plan('/goto 1')).toEqual({ kind: 'goto', target: 'dev', seq: 1 });
    expect(plan('/goto #0')).toEqual({ kind: 'refuse', message: 'There is no message 0 here.' });
    expect(plan('/goto 4')).toEqual({ kind: 'refuse', message: 'There is no message 4 here.' });
    expect(plan('/goto two')).toMatchObject({ ok: false });
  });
});
