import { describe, expect, it } from 'vitest';
import { encodeTitle, MAX_PLACE_COLUMNS, TITLE_RESTORE, TITLE_SAVE, titleText } from './terminal-title.js';

describe('titleText', () => {
  it('says the unread count and the place, and only the app where there is neither', () => {
    expect(titleText(3, '#dev')).toBe('(3) #dev — aurora');
    expect(titleText(0, '@bob')).toBe('@bob — aurora');
    expect(titleText(0, undefined)).toBe('aurora');
    expect(titleText(12, undefined)).toBe('(12) aurora');
  });

  it('sanitizes the place, so a remote name cannot end the title or start another sequence', () => {
    const title = titleText(1, '@evil\x1b\\\x1b]2;pwned\x07\x1b[2J\u009d0;x\u202e');
    expect(title).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
    expect(title).toBe('(1) @evil — aurora');
  });

  it('keeps the app name after a long place', () => {
    const title = titleText(0, `#${'x'.repeat(200)}`);
    expect(title.endsWith(' — aurora')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(MAX_PLACE_COLUMNS + ' — aurora'.length);
  });
});

describe('encodeTitle', () => {
  it('writes OSC 2 ended by ST, with nothing in the text able to end it early', () => {
    expect(encodeTitle('(3) #dev — aurora')).toBe('\x1b]2;(3) #dev — aurora\x1b\\');
    const hostile = encodeTitle('a\x07b\x1b\\c\u009cd');
    expect(hostile.slice(4, -2)).not.toMatch(/[\x07\x1b\u009c]/);
  });

  it('saves and restores the title with the terminal’s title stack', () => {
    expect(TITLE_SAVE).toBe('\x1b[22;2t');
    expect(TITLE_RESTORE).toBe('\x1b[23;2t');
  });
});
