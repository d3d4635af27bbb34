import { describe, expect, it } from 'vitest';
import { createProgram, type ProgramOptions, toConfig } from './cli-options.js';

function configOf(args: string[]) {
  const program = createProgram()
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  return toConfig(program.parse(args, { from: 'user' }).opts<ProgramOptions>());
}

describe('--search-index', () => {
  it('keeps the index by default and drops it with off, from the flag or AURORA_SEARCH_INDEX', () => {
    expect(configOf([]).searchIndex).toBe(true);
    expect(configOf(['--search-index', 'on']).searchIndex).toBe(true);
    expect(configOf(['--search-index', 'off']).searchIndex).toBe(false);
    process.env.AURORA_SEARCH_INDEX = 'off';
    try {
      expect(configOf([]).searchIndex).toBe(false);
    } finally {
      delete process.env.AURORA_SEARCH_INDEX;
    }
  });

  it('refuses any other value, naming the choices', () => {
    expect(() => configOf(['--search-index', 'no'])).toThrow(/on, off/);
  });
});

describe('--edit-window', () => {
  it('is 24 hours by default, in minutes from the flag or AURORA_EDIT_WINDOW, and 0 turns editing off', () => {
    expect(configOf([]).limits.editWindowMs).toBe(24 * 60 * 60 * 1000);
    expect(configOf(['--edit-window', '15']).limits.editWindowMs).toBe(15 * 60_000);
    expect(configOf(['--edit-window', '0']).limits.editWindowMs).toBe(0);
    process.env.AURORA_EDIT_WINDOW = '60';
    try {
      expect(configOf([]).limits.editWindowMs).toBe(3_600_000);
    } finally {
      delete process.env.AURORA_EDIT_WINDOW;
    }
  });

  it('refuses a value that is not a whole number of minutes', () => {
    expect(() => configOf(['--edit-window', '1.5'])).toThrow(/--edit-window/);
  });
});
