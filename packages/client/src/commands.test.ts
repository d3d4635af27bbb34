import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, helpLines } from './command-table.js';
import { parseInput } from './commands.js';

const command = (line: string) => {
  const parsed = parseInput(line);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.command;
};
const failure = (line: string) => {
  const parsed = parseInput(line);
  if (parsed.ok) throw new Error(`parsed: ${JSON.stringify(parsed.command)}`);
  return parsed;
};

describe('parseInput', () => {
  it('says plain text as it is, newlines included', () => {
    expect(command('hello **world**')).toEqual({ type: 'say', text: 'hello **world**' });
    expect(command('line one\nline two')).toEqual({ type: 'say', text: 'line one\nline two' });
  });

  it('says a line starting with / when it starts with //', () => {
    expect(command('//etc/hosts is broken')).toEqual({ type: 'say', text: '/etc/hosts is broken' });
  });

  it('ignores a blank line', () => {
    expect(failure('   ').code).toBe('empty');
  });

  it('parses every command with its arguments', () => {
    expect(command('/join #Dev ops,qa')).toEqual({ type: 'join', rooms: ['dev', 'ops', 'qa'] });
    expect(command('/join #Dev #ops')).toEqual({ type: 'join', rooms: ['dev', 'ops'] });
    expect(command('/join #Dev sesame')).toEqual({ type: 'join', rooms: ['dev'], password: 'sesame' });
    expect(command('/mode')).toEqual({ type: 'mode' });
    expect(command('/mode +i -m +k pw')).toEqual({
      type: 'mode',
      changes: { inviteOnly: true, moderated: false, password: 'pw' },
    });
    expect(command('/invite @bob')).toEqual({ type: 'moderate', action: 'invite', name: 'bob' });
    expect(command('/uninvite bob')).toEqual({ type: 'moderate', action: 'uninvite', name: 'bob' });
    expect(command('/voice bob')).toEqual({ type: 'moderate', action: 'voice', name: 'bob' });
    expect(command('/devoice bob')).toEqual({ type: 'moderate', action: 'devoice', name: 'bob' });
    expect(command('/invites')).toEqual({ type: 'invites' });
    expect(command('/j dev')).toEqual({ type: 'join', rooms: ['dev'] });
    expect(command('/part')).toEqual({ type: 'part' });
    expect(command('/leave #ops')).toEqual({ type: 'part', room: 'ops' });
    expect(command('/msg bob are you there?')).toEqual({ type: 'msg', nick: 'bob', text: 'are you there?' });
    expect(command('/msg @bob')).toEqual({ type: 'msg', nick: 'bob' });
    // Spaces after the name separate, as after any command name: the text starts at its first word.
    expect(command('/msg bob  hi')).toEqual({ type: 'msg', nick: 'bob', text: 'hi' });
    expect(command('/msg bob \t  hi  there')).toEqual({ type: 'msg', nick: 'bob', text: 'hi  there' });
    expect(command('/me waves  slowly')).toEqual({ type: 'me', text: 'waves  slowly' });
    expect(command('/NICK alicia')).toEqual({ type: 'nick', nick: 'alicia' });
    expect(command('/who')).toEqual({ type: 'who' });
    expect(command('/names ops')).toEqual({ type: 'who', room: 'ops' });
    expect(command('/rooms')).toEqual({ type: 'rooms' });
    expect(command('/topic')).toEqual({ type: 'topic' });
    expect(command('/topic ship **it**')).toEqual({ type: 'topic', topic: 'ship **it**' });
    expect(command('/topic --clear')).toEqual({ type: 'topic', topic: '' });
    expect(command('/search  "ship it" from:bob ')).toEqual({ type: 'search', query: '"ship it" from:bob' });
    expect(command('/find deploy')).toEqual({ type: 'search', query: 'deploy' });
    expect(command('/away lunch')).toEqual({ type: 'away', status: 'lunch' });
    expect(command('/away')).toEqual({ type: 'away' });
    expect(command('/back')).toEqual({ type: 'back' });
    expect(command('/clear')).toEqual({ type: 'clear' });
    expect(command('/help /join')).toEqual({ type: 'help', command: 'join' });
    expect(command('/quit')).toEqual({ type: 'quit' });
    expect(command('/exit')).toEqual({ type: 'quit' });
  });

  it('parses the account commands, and never takes a password on the line', () => {
    expect(command('/login')).toEqual({ type: 'login' });
    expect(command('/login Alice')).toEqual({ type: 'login', name: 'Alice' });
    expect(command('/register bob')).toEqual({ type: 'register', name: 'bob' });
    expect(command('/logout')).toEqual({ type: 'logout', everywhere: false });
    expect(command('/logout --everywhere')).toEqual({ type: 'logout', everywhere: true });
    expect(failure('/logout now').code).toBe('bad_argument');
    const secret = failure('/login alice hunter22');
    expect(secret.code).toBe('secret_argument');
    expect(secret.message).not.toContain('hunter22');
    expect(failure('/register bad name!').code).toBe('secret_argument');
    expect(failure('/login b@d').code).toBe('bad_argument');
  });

  it('answers an unknown command with a hint and a guess, never a message', () => {
    const parsed = failure('/jion dev');
    expect(parsed.code).toBe('unknown_command');
    expect(parsed.message).toContain('Unknown command /jion.');
    expect(parsed.message).toContain('Did you mean /join?');
    expect(parsed.message).toContain('Nothing was sent');
    expect(failure('/zzzzzz').message).not.toContain('Did you mean');
    expect(failure('/').code).toBe('unknown_command');
  });

  it('never guesses a command whose effect differs in kind (quit, nick, back) for an unknown one', () => {
    for (const line of ['/pin 3', '/kickban bob', '/gline bob']) {
      const parsed = failure(line);
      expect(parsed.code).toBe('unknown_command');
      expect(parsed.message).not.toContain('Did you mean');
    }
  });

  it('refuses bad arguments with the rule they break', () => {
    expect(failure('/join').message).toContain('Usage: /join ROOM...');
    expect(failure('/join bad!room').message).toContain('Cannot join "bad!room"');
    expect(failure('/mode +x').message).toContain('unknown mode letter "x"');
    expect(failure('/mode +k').message).toContain('+k needs the password');
    // Spaces before a command make it text, but not when it holds a password: that would reach the room.
    expect(failure('  /login alice hunter22')).toMatchObject({ code: 'secret_argument' });
    expect(failure(' /join #vault sesame').message).not.toContain('sesame');
    expect(command('  /join #vault')).toEqual({ type: 'say', text: '  /join #vault' });
    expect(command(' /shrug at this')).toEqual({ type: 'say', text: ' /shrug at this' });
    // A refused /mode that held a password clears the line and quotes none of it.
    const spaced = failure('/mode +k correct horse');
    expect(spaced.code).toBe('secret_argument');
    expect(spaced.message).not.toMatch(/correct|horse/);
    expect(failure('/invite bob because').message).toContain('Usage: /invite NAME');
    expect(failure('/nick two words').message).toContain('Usage: /nick NAME');
    expect(failure('/nick a\u200bb').message).toContain('invisible');
    expect(failure('/msg').message).toContain('Usage: /msg');
    expect(failure('/me').message).toContain('Usage: /me');
  });
});

describe('helpLines', () => {
  it('lists every command, or explains one', () => {
    const all = helpLines().join('\n');
    for (const name of [
      'join',
      'part',
      'nick',
      'me',
      'msg',
      'who',
      'rooms',
      'topic',
      'search',
      'away',
      'clear',
      'help',
      'quit',
    ])
      expect(all).toContain(`/${name}`);
    expect(helpLines('leave')).toEqual([
      '/part [ROOM] — leave this room (or ROOM); closes a conversation (also /leave, /close)',
    ]);
    expect(helpLines('search')[0]).toMatch(/^\/search QUERY — find messages/);
    const bare = parseInput('/search  ');
    expect(bare.ok ? undefined : bare.message).toMatch(/^Usage: \/search QUERY/);
    expect(helpLines('nope')[0]).toContain('No command /nope');
  });

  it('offers every alias for completion', () => {
    expect(COMMAND_NAMES).toContain('join');
    expect(COMMAND_NAMES).toContain('query');
  });

  it('reads every command and alias of the table by a parser of its own: none is unknown, none but /quit quits', () => {
    for (const spec of COMMANDS)
      for (const name of [spec.name, ...(spec.aliases ?? [])]) {
        const parsed = parseInput(`/${name}`);
        const outcome = parsed.ok ? parsed.command.type : parsed.code;
        expect(outcome, name).not.toBe('unknown_command');
        if (spec.name !== 'quit') expect(outcome, name).not.toBe('quit');
      }
    expect(parseInput('/exit')).toEqual({ ok: true, command: { type: 'quit' } });
  });
});

describe('moderation commands', () => {
  const parsed = (line: string) => {
    const result = parseInput(line);
    return result.ok ? result.command : result.code;
  };

  it('reads kick, ban with a duration and a reason, op, deop, claim, bans and kill', () => {
    expect(parsed('/kick bob calm down')).toEqual({
      type: 'moderate',
      action: 'kick',
      name: 'bob',
      reason: 'calm down',
    });
    expect(parsed('/ban @bob 2h spam')).toEqual({
      type: 'moderate',
      action: 'ban',
      name: 'bob',
      forMs: 7_200_000,
      reason: 'spam',
    });
    expect(parsed('/ban --server mallory')).toEqual({
      type: 'moderate',
      action: 'ban',
      name: 'mallory',
      server: true,
    });
    expect(parsed('/unban bob')).toEqual({ type: 'moderate', action: 'unban', name: 'bob' });
    expect(parsed('/op carol')).toEqual({ type: 'moderate', action: 'op', name: 'carol' });
    expect(parsed('/deop carol')).toEqual({ type: 'moderate', action: 'deop', name: 'carol' });
    expect(parsed('/kill bob flooding')).toEqual({
      type: 'moderate',
      action: 'kill',
      name: 'bob',
      reason: 'flooding',
    });
    expect(parsed('/claim')).toEqual({ type: 'claim' });
    expect(parsed('/bans')).toEqual({ type: 'bans' });
    expect(parsed('/bans --server')).toEqual({ type: 'bans', server: true });
  });

  it('keeps /mute and /unmute for the window unless a name comes first', () => {
    expect(parsed('/mute')).toEqual({ type: 'mute' });
    expect(parsed('/mute 30m')).toEqual({ type: 'mute', forMs: 1_800_000 });
    expect(parsed('/unmute')).toEqual({ type: 'unmute' });
    expect(parsed('/mute bob')).toEqual({ type: 'moderate', action: 'mute', name: 'bob' });
    expect(parsed('/mute bob 10m')).toEqual({
      type: 'moderate',
      action: 'mute',
      name: 'bob',
      forMs: 600_000,
    });
    expect(parsed('/unmute bob')).toEqual({ type: 'moderate', action: 'unmute', name: 'bob' });
  });

  it('refuses a missing name, a bad duration, and a reason where none is taken', () => {
    expect(parsed('/kick')).toBe('bad_argument');
    expect(parsed('/ban bob 400d')).toBe('bad_argument');
    expect(parsed('/op carol please')).toBe('bad_argument');
    expect(parsed(`/kick bob ${'x'.repeat(201)}`)).toBe('bad_argument');
  });
});
