import { describe, expect, it } from 'vitest';
import { helpText } from './index.js';

describe('helpText', () => {
  it('lists every command, one a line, for /help', () => {
    const text = helpText('');
    expect(text).toMatch(/^Commands:\n/);
    expect(text).toContain('\n/msg NAME [TEXT] — send a direct message, or open the conversation\n');
    expect(text).toContain('\n/search QUERY — find messages');
    expect(text).toMatch(/\nStart a line with \/\/ to send text that begins with \/\.$/);
  });

  it('explains one command, with its other names, for /help COMMAND', () => {
    expect(helpText('part')).toBe(
      '/part [ROOM] — leave this room (or ROOM); closes a conversation (also /leave, /close)',
    );
    expect(helpText('nope')).toBe('No command /nope. Type /help for the list.');
  });
});
