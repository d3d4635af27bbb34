import { EventEmitter } from 'node:events';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
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

  it('hands an adopted socket over: its close no longer counts, release does, and one info is shared', () => {
    const connections = new ConnectionsPerAddress(2);
    const [a, b] = [fakeSocket('10.0.0.1'), fakeSocket('10.0.0.1')];
    connections.admit(a);
    connections.admit(b);
    const info = connections.adopt(a);
    expect(info).toEqual({ ip: '10.0.0.1' });
    expect(connections.adopt(b)).toBe(info);
    a.emit('close');
    expect(connections.count('10.0.0.1')).toBe(2);
    expect(connections.admit(fakeSocket('10.0.0.1'))).toBe(false);
    connections.release(info.ip);
    expect(connections.count('10.0.0.1')).toBe(1);
    expect(connections.admit(fakeSocket('10.0.0.1'))).toBe(true);
  });

  it("forgets Node's cache of an adopted socket's address, which Node reads again when asked", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const socket = await accepted;
    const connections = new ConnectionsPerAddress(5);
    expect(connections.admit(socket)).toBe(true);
    expect((socket as unknown as { _peername?: unknown })._peername).toBeDefined();
    expect(connections.adopt(socket).ip).toBe('127.0.0.1');
    expect((socket as unknown as { _peername?: unknown })._peername).toBeUndefined();
    expect(socket.listenerCount('close')).toBe(0);
    expect(socket.remoteAddress).toBe('127.0.0.1');
    client.destroy();
    socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
});
