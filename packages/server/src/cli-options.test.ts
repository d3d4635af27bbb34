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
