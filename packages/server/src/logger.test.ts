import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes one JSON line per event at or above its level, with an ISO time and a level name', () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    logger.debug('hidden');
    logger.info('connection opened', { conn: 's1', address: '127.0.0.1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      msg: 'connection opened',
      conn: 's1',
      address: '127.0.0.1',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it('never writes a password, a token or message text, even one level down', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.error('oops', {
      password: 'hunter2-secret',
      token: 'tok-secret',
      text: 'text-secret',
      message: { type: 'say', text: 'nested-text-secret', password: 'nested-password-secret' },
    });
    expect(lines.join('')).not.toMatch(/secret/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ password: '[redacted]', message: { type: 'say' } });
  });
});
