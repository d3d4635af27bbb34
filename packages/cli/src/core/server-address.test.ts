import { describe, expect, it } from 'vitest';
import { normalizeServerAddress } from './server-address.js';

const urlOf = (input: string) => {
  const result = normalizeServerAddress(input);
  if (!result.ok) throw new Error(result.message);
  return result.url;
};

describe('normalizeServerAddress', () => {
  it.each([
    ['localhost', 'ws://localhost:8000/ws'],
    ['localhost:9000', 'ws://localhost:9000/ws'],
    ['127.0.0.1:8000', 'ws://127.0.0.1:8000/ws'],
    ['[::1]:8000', 'ws://[::1]:8000/ws'],
    ['http://chat.example:8080', 'ws://chat.example:8080/ws'],
    ['http://chat.example:8080/', 'ws://chat.example:8080/ws'],
    ['https://chat.example', 'wss://chat.example/ws'],
    ['https://chat.example/aurora/', 'wss://chat.example/aurora/ws'],
    ['ws://localhost:8000', 'ws://localhost:8000/ws'],
    ['ws://localhost:8000/ws', 'ws://localhost:8000/ws'],
    ['WSS://Chat.Example/ws/', 'wss://chat.example/ws'],
    ['  ws://h:1/ws  ', 'ws://h:1/ws'],
    // An explicit port is kept, the scheme's default port included (the URL parser drops it).
    ['chat.example:80', 'ws://chat.example:80/ws'],
    ['chat.example:443', 'ws://chat.example:443/ws'],
    ['chat.example:080', 'ws://chat.example:80/ws'],
    ['ws://chat.example:80', 'ws://chat.example:80/ws'],
    ['ws://chat.example:80/ws', 'ws://chat.example:80/ws'],
    ['wss://chat.example:443', 'wss://chat.example:443/ws'],
    ['wss://chat.example:8443/aurora', 'wss://chat.example:8443/aurora/ws'],
    ['http://chat.example:80', 'ws://chat.example:80/ws'],
    ['https://chat.example:443', 'wss://chat.example:443/ws'],
    ['[::1]:80', 'ws://[::1]:80/ws'],
    ['[::1]:9000', 'ws://[::1]:9000/ws'],
    ['[::1]', 'ws://[::1]:8000/ws'],
    ['ws://[::1]:80/ws', 'ws://[::1]:80/ws'],
    ['wss://[::1]:443', 'wss://[::1]:443/ws'],
    ['ws://chat.example', 'ws://chat.example/ws'],
    ['chat.example:1234/path?x=1', 'ws://chat.example:1234/path/ws?x=1'],
  ])('%s -> %s', (input, expected) => {
    expect(urlOf(input)).toBe(expected);
  });

  it('names a display form without scheme or path for the status line', () => {
    const result = normalizeServerAddress('https://chat.example:8443/x');
    expect(result.ok && result.display).toBe('chat.example:8443');
  });

  it('shows an explicit default port in the display form too', () => {
    const result = normalizeServerAddress('chat.example:80');
    expect(result.ok && result.display).toBe('chat.example:80');
  });

  it.each([
    ['', 'empty'],
    ['ftp://host', 'scheme ftp:'],
    ['host name', 'spaces'],
    ['http://', 'valid'],
    ['ws://user:pw@host', 'password'],
    ['host:70000', 'valid'],
  ])('refuses %j with a reason', (input, reason) => {
    const result = normalizeServerAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('bad_server_address');
      expect(result.message).toContain(reason);
    }
  });
});
