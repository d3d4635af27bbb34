import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createTheme, noColourRequested } from './theme.js';

// SGR codes that set or reset a colour (foreground, background, bright, 256 and true colour).
const COLOUR = /\x1b\[(?:3\d|4\d|9\d|10\d)[;m]/;
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const ITALIC = '\x1b[3m';
const UNDERLINE = '\x1b[4m';
const INVERSE = '\x1b[7m';

describe('createTheme', () => {
  const chalk = new Chalk({ level: 3 });

  it('without colour (NO_COLOR) keeps bold, italic, underline and reverse, and dims grey text', () => {
    const theme = createTheme({ chalk, colour: false, hyperlinks: false });
    const own = theme.paint('alice', { role: 'self', nick: 'alice' });
    expect(own).toContain(BOLD);
    expect(own).toContain(INVERSE);
    expect(theme.paint('stress', { role: 'text', italic: true })).toContain(ITALIC);
    expect(theme.paint('docs', { role: 'text', href: 'https://example.com' })).toContain(UNDERLINE);
    expect(theme.paint('mention', { role: 'mention' })).toContain(BOLD);
    expect(theme.bar('status')).toContain(INVERSE);
    expect(theme.muted('away')).toContain(DIM);
    const everything = [
      own,
      theme.paint('bob', { role: 'nick', nick: 'bob' }),
      theme.paint('x', { role: 'error' }),
      theme.paint('`x`', { role: 'text', code: true }),
      theme.paint('docs', { role: 'text', href: 'https://example.com' }),
      theme.alert('2!'),
      theme.name('bob'),
      theme.muted('away'),
    ].join('');
    expect(everything).not.toMatch(COLOUR);
  });

  it('with colour paints names and roles in colour', () => {
    const theme = createTheme({ chalk });
    expect(theme.paint('bob', { role: 'nick', nick: 'bob' })).toMatch(COLOUR);
    expect(theme.alert('2!')).toMatch(COLOUR);
  });
});

describe('noColourRequested', () => {
  it('follows NO_COLOR when it is set and not empty', () => {
    expect(noColourRequested({ NO_COLOR: '1' })).toBe(true);
    expect(noColourRequested({ NO_COLOR: '' })).toBe(false);
    expect(noColourRequested({})).toBe(false);
  });
});
