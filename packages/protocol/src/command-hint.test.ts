import { describe, expect, it } from 'vitest';
import { suggestCommand } from './command-hint.js';

const NAMES = [
  'join',
  'j',
  'part',
  'leave',
  'close',
  'msg',
  'query',
  'me',
  'nick',
  'who',
  'names',
  'rooms',
  'list',
  'topic',
  'away',
  'back',
  'clear',
  'register',
  'login',
  'logout',
  'help',
  'quit',
  'exit',
];

describe('suggestCommand', () => {
  it('suggests the command a typo was meant to be', () => {
    expect(suggestCommand('jion', NAMES)).toBe('join');
    expect(suggestCommand('tpoic', NAMES)).toBe('topic');
    expect(suggestCommand('romos', NAMES)).toBe('rooms');
    expect(suggestCommand('Hlep', NAMES)).toBe('help');
    expect(suggestCommand('wh', NAMES)).toBe('who');
  });

  it('never suggests a command whose effect differs in kind for an unknown one', () => {
    expect(suggestCommand('edit', NAMES)).toBeUndefined();
    expect(suggestCommand('kick', NAMES)).toBeUndefined();
    expect(suggestCommand('ban', NAMES)).toBeUndefined();
    expect(suggestCommand('exti', NAMES)).toBeUndefined();
    expect(suggestCommand('nikc', NAMES)).toBeUndefined();
    expect(suggestCommand('q', NAMES)).toBe('query');
  });
});
