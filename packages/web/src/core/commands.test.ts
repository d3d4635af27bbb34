import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, parseCommand } from './commands.js';

describe('parseCommand', () => {
  it('says plain text as typed, new lines included', () => {
    expect(parseCommand('hello **there**')).toEqual({ kind: 'say', text: 'hello **there**' });
    expect(parseCommand('two\nlines')).toEqual({ kind: 'say', text: 'two\nlines' });
  });

  it('ignores a blank line', () => {
    expect(parseCommand('   \n ')).toBeUndefined();
  });

  it('says a line that starts with a slash when it is doubled', () => {
    expect(parseCommand('//shrug')).toEqual({ kind: 'say', text: '/shrug' });
  });

  it('turns /me into an action', () => {
    expect(parseCommand('/me waves hello')).toEqual({ kind: 'action', text: 'waves hello' });
    expect(parseCommand('/me')).toMatchObject({ kind: 'invalid' });
  });

  it('joins and leaves rooms by their canonical names', () => {
    expect(parseCommand('/join #Dev')).toEqual({ kind: 'join', room: 'dev' });
    expect(parseCommand('/j ops')).toEqual({ kind: 'join', room: 'ops' });
    expect(parseCommand('/leave')).toEqual({ kind: 'leave' });
    expect(parseCommand('/part #ops')).toEqual({ kind: 'leave', room: 'ops' });
  });

  it('explains a room name that breaks the rules', () => {
    expect(parseCommand('/join bad!room')).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('a-z, 0-9'),
    });
    expect(parseCommand('/join')).toEqual({ kind: 'invalid', message: 'Usage: /join #room' });
  });

  it('opens a direct conversation, with or without a first message', () => {
    expect(parseCommand('/msg bob are you there?')).toEqual({
      kind: 'msg',
      nick: 'bob',
      text: 'are you there?',
    });
    expect(parseCommand('/query @bob')).toEqual({ kind: 'msg', nick: 'bob' });
    expect(parseCommand('/dm b\u200Bob hi')).toMatchObject({ kind: 'invalid' });
  });

  it('changes the name only to a valid one', () => {
    expect(parseCommand('/nick Zoë')).toEqual({ kind: 'nick', nick: 'Zoë' });
    expect(parseCommand('/nick two words')).toMatchObject({ kind: 'invalid' });
  });

  it('shows, sets and clears the topic', () => {
    expect(parseCommand('/topic')).toEqual({ kind: 'topic' });
    expect(parseCommand('/topic  Release day ')).toEqual({ kind: 'topic', topic: 'Release day' });
    expect(parseCommand('/topic --clear')).toEqual({ kind: 'topic', topic: '' });
  });

  it('marks away with an optional message and back again', () => {
    expect(parseCommand('/away lunch')).toEqual({ kind: 'away', status: 'lunch' });
    expect(parseCommand('/away')).toEqual({ kind: 'away' });
    expect(parseCommand('/back')).toEqual({ kind: 'back' });
  });

  it('accepts the listing commands and their aliases, in any case', () => {
    expect(parseCommand('/ROOMS')).toEqual({ kind: 'rooms' });
    expect(parseCommand('/names')).toEqual({ kind: 'who' });
    expect(parseCommand('/help')).toEqual({ kind: 'help' });
    expect(parseCommand('/exit')).toEqual({ kind: 'quit' });
  });

  it('names an unknown command and how to say it instead', () => {
    expect(parseCommand('/shrug')).toEqual({
      kind: 'invalid',
      message: 'Unknown command /shrug. Type /help for the list, or //shrug to say it.',
    });
    expect(parseCommand('/ ')).toMatchObject({ kind: 'invalid' });
  });

  it('documents every command it accepts', () => {
    const documented = COMMAND_HELP.map((help) => help.usage.split(' ')[0]);
    for (const name of documented) expect(parseCommand(`${name} x`)?.kind).not.toBe('invalid');
  });
});
