import { describe, expect, it } from 'vitest';
import { lengthCounter, typingText } from './typing-text.js';

const typists = (...nicks: string[]) => nicks.map((nick) => ({ nick, until: 0 }));

describe('typingText', () => {
  it('names up to three people, then counts', () => {
    expect(typingText([])).toBe('');
    expect(typingText(typists('bob'))).toBe('bob is typing…');
    expect(typingText(typists('bob', 'carol'))).toBe('bob and carol are typing…');
    expect(typingText(typists('bob', 'carol', 'dave'))).toBe('bob, carol and dave are typing…');
    expect(typingText(typists('a', 'b', 'c', 'd'))).toBe('4 people are typing…');
  });

  it('never cuts names (two long ones would look alike): it counts people when they do not fit', () => {
    const bots = typists('deploy-bot-production-eu', 'deploy-bot-production-us');
    expect(typingText(bots, 80)).toBe('deploy-bot-production-eu and deploy-bot-production-us are typing…');
    expect(typingText(bots, 40)).toBe('2 people are typing…');
    expect(typingText(typists('deploy-bot-production-eu'), 30)).toBe('someone is typing…');
  });

  it('sanitizes names', () => {
    expect(typingText(typists('bob\x1b[2J'))).toBe('bob is typing…');
  });
});

describe('lengthCounter', () => {
  it('appears near the limit only', () => {
    expect(lengthCounter(100, 4096)).toBe('');
    expect(lengthCounter(3300, 4096)).toBe('3300/4096');
    expect(lengthCounter(5000, 4096)).toBe('5000/4096');
  });
});
