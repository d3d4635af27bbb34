import { describe, expect, it } from 'vitest';
import { newWebhookSecret, secretMatches } from './secret.js';

describe('webhook secrets', () => {
  it('are long, URL-safe and different every time; only the hash is kept', () => {
    const first = newWebhookSecret();
    const second = newWebhookSecret();
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.secret).not.toBe(second.secret);
    expect(first.hash).not.toContain(first.secret);
  });

  it('match only their own hash', () => {
    const { secret, hash } = newWebhookSecret();
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(`${secret}x`, hash)).toBe(false);
    expect(secretMatches(newWebhookSecret().secret, hash)).toBe(false);
    expect(secretMatches('', hash)).toBe(false);
  });

  it('never match an unknown webhook or a damaged hash', () => {
    const { secret } = newWebhookSecret();
    expect(secretMatches(secret, undefined)).toBe(false);
    expect(secretMatches(secret, 'abc')).toBe(false);
    expect(secretMatches('no such webhook', undefined)).toBe(false);
  });
});
