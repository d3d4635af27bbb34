import { describe, expect, it } from 'vitest';
import { COMMANDS } from './command-table.js';
import { parseInput } from './commands.js';
import { historyEntry } from './input-history.js';

describe('historyEntry', () => {
  it('keeps messages and commands without secrets as typed', () => {
    expect(historyEntry('hello **world**')).toBe('hello **world**');
    expect(historyEntry('/join #a #b')).toBe('/join #a #b');
    expect(historyEntry('/join #a b,c')).toBe('/join #a b,c');
    expect(historyEntry('/mode +m -i')).toBe('/mode +m -i');
    expect(historyEntry('/mode -k')).toBe('/mode -k');
    expect(historyEntry('/login alice')).toBe('/login alice');
    expect(historyEntry('/password --keep-sessions')).toBe('/password --keep-sessions');
    // Said, not run: `//join` is a message that starts with /join.
    expect(historyEntry('//join #room hunter2')).toBe('//join #room hunter2');
  });

  it('never keeps a room password, so Up cannot show or resend it', () => {
    expect(historyEntry('/join #vault hunter2')).toBe('/join #vault');
    expect(historyEntry('/J  #vault   hunter2  ')).toBe('/j #vault');
    expect(historyEntry('/mode +mk hunter2 -i')).toBe('/mode +mk -i');
    expect(historyEntry('/mode +k hunter2')).toBe('/mode +k');
  });

  it('never keeps an account password typed on the command line', () => {
    expect(historyEntry('/login alice hunter2')).toBe('/login alice');
    expect(historyEntry('/register alice hunter2 hunter2')).toBe('/register alice');
    expect(historyEntry('/password old-secret new-secret')).toBe('/password');
    expect(historyEntry('/password hunter2')).toBe('/password');
  });

  it('keeps nothing of a blank line', () => {
    expect(historyEntry('   ')).toBeUndefined();
  });

  it('leaves out exactly the word the parser takes for the password', () => {
    const parsed = parseInput('/join #vault hunter2');
    expect(parsed).toEqual({ ok: true, command: { type: 'join', rooms: ['vault'], password: 'hunter2' } });
    expect(historyEntry('/join #vault hunter2')).not.toContain('hunter2');
  });

  it('knows every command that takes a password: those that ask for one or name one in their arguments', () => {
    const named = COMMANDS.filter((spec) => /PASSWORD|asks for/.test(`${spec.args} ${spec.help}`));
    const secret = COMMANDS.filter((spec) => spec.secret);
    expect(secret.map((spec) => spec.name).sort()).toEqual(['join', 'login', 'mode', 'password', 'register']);
    expect(named.map((spec) => spec.name).sort()).toEqual(secret.map((spec) => spec.name).sort());
  });
});
