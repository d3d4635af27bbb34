import { describe, expect, it } from 'vitest';
import { describeJoinError } from './join-errors.js';

describe('describeJoinError', () => {
  it('says whose name is taken and what to do', () => {
    expect(describeJoinError('name_taken', 'taken', 'alice')).toBe(
      'Someone is already using the name “alice”. Choose another name.',
    );
  });

  it('distinguishes a registered name from one in use', () => {
    expect(describeJoinError('name_registered', 'x', 'alice')).toContain('registered account');
  });

  it('keeps the server’s reason for an invalid name', () => {
    expect(describeJoinError('name_invalid', 'A name cannot contain spaces.', 'a b')).toBe(
      'That name cannot be used. A name cannot contain spaces.',
    );
  });

  it('passes unknown codes through with the server’s sentence', () => {
    expect(describeJoinError('brand_new_code', 'Something new went wrong.', 'x')).toBe(
      'Something new went wrong.',
    );
  });
});
