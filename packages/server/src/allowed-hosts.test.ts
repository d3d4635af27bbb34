import { describe, expect, it } from 'vitest';
import { hostCheck, isHostAllowed } from './allowed-hosts.js';

describe('isHostAllowed', () => {
  it.each([
    '127.0.0.1:8000',
    '127.0.0.1',
    '[::1]:8000',
    '192.168.1.20:8000',
    'localhost:8000',
    'LOCALHOST.:8000',
    'aurora.localhost:8000',
  ])('accepts %s without any setting', (host) => {
    expect(isHostAllowed(host, [])).toBe(true);
  });

  it.each([
    'evil.example:8000',
    'evil.example',
    'localhost.evil.example:8000',
    '127.0.0.1.evil.example',
    'user@127.0.0.1',
    'bad host',
    '',
  ])('refuses %j without a setting', (host) => {
    expect(isHostAllowed(host, [])).toBe(false);
  });

  it('accepts the names in --allowed-hosts, exactly or with their subdomains', () => {
    const allowed = ['chat.example.com', '.corp.example'];
    expect(isHostAllowed('chat.example.com:443', allowed)).toBe(true);
    expect(isHostAllowed('Chat.Example.COM', allowed)).toBe(true);
    expect(isHostAllowed('other.example.com', allowed)).toBe(false);
    expect(isHostAllowed('corp.example', allowed)).toBe(true);
    expect(isHostAllowed('chat.corp.example:8000', allowed)).toBe(true);
    expect(isHostAllowed('evilcorp.example', allowed)).toBe(false);
  });

  it('accepts any host with *, and a request without Host', () => {
    expect(isHostAllowed('evil.example', ['*'])).toBe(true);
    expect(isHostAllowed(undefined, [])).toBe(true);
  });
});

describe('hostCheck', () => {
  it('answers as isHostAllowed, the same host again included', () => {
    const allowed = hostCheck(['chat.example.com']);
    for (let round = 0; round < 2; round++) {
      expect(allowed('chat.example.com:443')).toBe(true);
      expect(allowed('127.0.0.1:8000')).toBe(true);
      expect(allowed('evil.example')).toBe(false);
      expect(allowed(undefined)).toBe(true);
    }
  });

  it('still answers right after more hosts than it remembers', () => {
    const allowed = hostCheck([]);
    for (let i = 0; i < 600; i++) expect(allowed(`evil${i}.example`)).toBe(false);
    expect(allowed('localhost:8000')).toBe(true);
    expect(allowed('evil1.example')).toBe(false);
  });
});
