import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, helpText, parseCommand } from './commands.js';

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
    expect(parseCommand('/me')).toEqual({
      kind: 'invalid',
      message: 'Usage: /me TEXT — say what you do: * alice waves',
    });
  });

  it('joins several rooms at once, by their canonical names', () => {
    expect(parseCommand('/join #Dev ops,qa dev')).toEqual({ kind: 'join', rooms: ['dev', 'ops', 'qa'] });
    expect(parseCommand('/j ops')).toEqual({ kind: 'join', rooms: ['ops'] });
  });

  it('explains a room name that breaks the rules', () => {
    expect(parseCommand('/join bad!room')).toEqual({
      kind: 'invalid',
      message: expect.stringMatching(/^Cannot join "bad!room": .*a-z, 0-9/),
    });
    expect(parseCommand('/join')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('Usage: /join ROOM...'),
    });
  });

  it('leaves this room or a named one, under each of its names', () => {
    expect(parseCommand('/part')).toEqual({ kind: 'leave' });
    expect(parseCommand('/leave #ops')).toEqual({ kind: 'leave', room: 'ops' });
    expect(parseCommand('/close')).toEqual({ kind: 'leave' });
  });

  it('opens a direct conversation, with or without a first message', () => {
    expect(parseCommand('/msg bob are  you there?')).toEqual({
      kind: 'msg',
      nick: 'bob',
      text: 'are  you there?',
    });
    expect(parseCommand('/query @bob')).toEqual({ kind: 'msg', nick: 'bob' });
    expect(parseCommand('/msg b\u200Bob hi')).toMatchObject({ kind: 'invalid' });
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
    expect(parseCommand('/list')).toEqual({ kind: 'rooms' });
    expect(parseCommand('/names')).toEqual({ kind: 'who' });
    expect(parseCommand('/who ops')).toEqual({ kind: 'who', room: 'ops' });
    expect(parseCommand('/clear')).toEqual({ kind: 'clear' });
    expect(parseCommand('/help msg')).toEqual({ kind: 'help', command: 'msg' });
    expect(parseCommand('/exit')).toEqual({ kind: 'quit' });
  });

  it('never sends an unknown command as a message', () => {
    expect(parseCommand('/shrug')).toEqual({
      kind: 'invalid',
      message:
        'Unknown command /shrug. Nothing was sent. /help lists commands; // sends a line starting with /.',
    });
    expect(parseCommand('/ ')).toMatchObject({ kind: 'invalid' });
  });

  it('answers an unknown command as the terminal does: a likely typo gets a hint, never quit, nick or back', () => {
    expect(parseCommand('/jion dev')).toMatchObject({
      kind: 'invalid',
      message: expect.stringContaining('Unknown command /jion. Did you mean /join? Nothing was sent.'),
    });
    for (const line of ['/edit 3 fixed', '/kick bob', '/ban bob']) {
      const answer = parseCommand(line);
      expect(answer).toMatchObject({ kind: 'invalid', message: expect.stringContaining('Unknown command') });
      expect(answer).not.toMatchObject({ message: expect.stringContaining('Did you mean') });
    }
  });

  it('accepts every command it documents, and every alias', () => {
    for (const help of COMMAND_HELP)
      for (const name of [help.name, ...help.aliases])
        expect(parseCommand(`/${name} x`)?.kind, name).not.toBe('invalid');
  });
});

describe('helpText', () => {
  it('lists every command, or explains one', () => {
    expect(helpText().split('\n')).toHaveLength(COMMAND_HELP.length + 2);
    expect(helpText('/part')).toBe(
      '/part [ROOM] — leave this room (or ROOM); closes a conversation (also /leave, /close)',
    );
    expect(helpText('frob')).toBe('No command /frob. Type /help for the list.');
  });
});
