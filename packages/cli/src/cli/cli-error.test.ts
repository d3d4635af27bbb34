import { describe, expect, it } from 'vitest';
import { CredentialsError } from '../core/credentials.js';
import { CliError, describeError } from './cli-error.js';

describe('describeError', () => {
  it('prints one line with the code, exit 2 for usage problems and 1 otherwise', () => {
    expect(describeError(new CliError('bad_usage', 'no such flag'))).toEqual({
      line: 'aurora-chat: no such flag [bad_usage]',
      exitCode: 2,
    });
    expect(describeError(new CliError('name_taken', 'taken'))).toEqual({
      line: 'aurora-chat: taken [name_taken]',
      exitCode: 1,
    });
  });

  it('names a broken credentials file (exit 2) and exits 130 when the user cancelled', () => {
    expect(
      describeError(new CredentialsError('/home/a/.config/aurora/credentials.json', 'it is not valid JSON')),
    ).toEqual({
      line: 'aurora-chat: credentials file /home/a/.config/aurora/credentials.json: it is not valid JSON; fix or delete it, then log in again [bad_credentials]',
      exitCode: 2,
    });
    expect(describeError(new CliError('aborted', 'cancelled; nothing was sent')).exitCode).toBe(130);
  });

  it('reports an unexpected error without its stack', () => {
    const { line, exitCode } = describeError(new Error('boom\n    at somewhere (file.js:1:1)'));
    expect(line).toBe('aurora-chat: unexpected error: boom [internal]');
    expect(exitCode).toBe(1);
  });

  it('sanitizes what a server put in the message', () => {
    const { line } = describeError(
      new CliError('name_taken\x1b[2J', 'refused: \x1b]0;title\x07nope\nsecond line'),
    );
    expect(line).toBe('aurora-chat: refused: nope second line [name_taken]');
  });
});
