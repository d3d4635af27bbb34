import { describe, expect, it } from 'vitest';
import { peopleTyping, typingSentence } from './typing-text.js';

describe('typingSentence', () => {
  it('names up to three people and counts four or more', () => {
    expect(typingSentence([])).toBe('');
    expect(typingSentence(['bob'])).toBe('bob is typing…');
    expect(typingSentence(['bob', 'carol'])).toBe('bob and carol are typing…');
    expect(typingSentence(['bob', 'carol', 'dave'])).toBe('bob, carol and dave are typing…');
    expect(typingSentence(['bob', 'carol', 'dave', 'erin'])).toBe('4 people are typing…');
  });

  it('says "someone" for one person whose name does not fit', () => {
    expect(peopleTyping(1)).toBe('someone is typing…');
    expect(peopleTyping(7)).toBe('7 people are typing…');
  });
});
