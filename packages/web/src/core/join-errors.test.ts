import { describe, expect, it } from 'vitest';
import { describeJoinError, endsSession } from './join-errors.js';

describe('describeJoinError', () => {
  it('says whose name is taken and what to do', () => {
    expect(describeJoinError('name_taken', 'taken', 'alice', 'guest')).toBe(
      'Someone is already using the name “alice”. Choose another name.',
    );
  });

  it('points a guest at logging in when the name belongs to an account', () => {
    expect(describeJoinError('name_registered', 'x', 'alice', 'guest')).toBe(
      'The name “alice” belongs to a registered account. Log in, or choose another name.',
    );
    expect(describeJoinError('name_registered', 'x', 'alice', 'signup')).toBe(
      '“alice” is already registered. Log in instead, or choose another name.',
    );
  });

  it('tells a wrong password from an expired log-in', () => {
    expect(describeJoinError('auth_failed', 'wrong name or password', 'alice', 'login')).toBe(
      'Wrong name or password.',
    );
    expect(describeJoinError('auth_failed', 'expired', 'alice', 'session')).toBe(
      'Your log-in has ended. Log in again.',
    );
  });

  it('keeps the server’s reason for an invalid name', () => {
    expect(describeJoinError('name_invalid', 'A name cannot contain spaces.', 'a b', 'guest')).toBe(
      'That name cannot be used. A name cannot contain spaces.',
    );
  });

  it('turns the server’s words into a sentence for codes it does not know', () => {
    expect(
      describeJoinError('login_throttled', 'too many failed log-ins; try again in 15 minutes', 'x', 'login'),
    ).toBe('Too many failed log-ins; try again in 15 minutes.');
    expect(describeJoinError('brand_new_code', 'Something new went wrong.', 'x', 'guest')).toBe(
      'Something new went wrong.',
    );
  });
});

describe('endsSession', () => {
  it('forgets a log-in only when the server rejected or ended it', () => {
    expect(endsSession('auth_failed')).toBe(true);
    expect(endsSession('logged_out')).toBe(true);
    expect(endsSession('name_taken')).toBe(false);
    expect(endsSession('unreachable')).toBe(false);
  });
});
