import { describe, expect, it } from 'vitest';
import { describeSocketError } from './ws-socket.js';

const refusal = (status: number) => describeSocketError(new Error(`Unexpected server response: ${status}`));

describe('describeSocketError', () => {
  it('tells a refused host name apart from a wrong path', () => {
    expect(refusal(403)).toMatch(/refused this host name.*--allowed-hosts/);
    expect(refusal(404)).toMatch(/wrong path/);
    expect(refusal(502)).toBe('the server answered HTTP 502 instead of a WebSocket');
  });

  it('names the likely cause of a reset and a refused connection', () => {
    expect(describeSocketError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toMatch(
      /too many connections/,
    );
    expect(describeSocketError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatch(
      /is the server running/,
    );
  });
});
