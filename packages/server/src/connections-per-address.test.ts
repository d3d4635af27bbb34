import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConnectionsPerAddress } from './connections-per-address.js';

/** A socket as the tracker sees it: an address, and a close event. */
function fakeSocket(address: string): Socket {
  return Object.assign(new EventEmitter(), { remoteAddress: address }) as unknown as Socket;
}

describe('ConnectionsPerAddress', () => {
  it('admits up to the cap per address, and frees a place when a connection closes', () => {
    const connections = new ConnectionsPerAddress(2);
    const [a, b, c] = [fakeSocket('10.0.0.1'), fakeSocket('10.0.0.1'), fakeSocket('10.0.0.1')];
    expect(connections.admit(a)).toBe(true);
    expect(connections.admit(b)).toBe(true);
    expect(connections.admit(c)).toBe(false);
    expect(connections.admit(fakeSocket('10.0.0.2'))).toBe(true);
    expect(connections.count('10.0.0.1')).toBe(2);
    a.emit('close');
    expect(connections.count('10.0.0.1')).toBe(1);
    expect(connections.admit(c)).toBe(true);
    b.emit('close');
    c.emit('close');
    expect(connections.count('10.0.0.1')).toBe(0);
  });

  it("gives a counted socket's address, and an uncounted one's as it is", () => {
    const connections = new ConnectionsPerAddress(5);
    const socket = fakeSocket('10.0.0.1');
    connections.admit(socket);
    expect(connections.address(fakeSocket('10.0.0.1'))).toBe('10.0.0.1');
    expect(connections.address(fakeSocket('10.0.0.9'))).toBe('10.0.0.9');
  });
});
