import { EventEmitter } from 'node:events';
import type { ChatMessage } from 'aurora-protocol';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { RedisBroker } from './redis.js';

/** The little of an ioredis connection the broker uses: its status, its events, subscribe. */
class FakeConnection extends EventEmitter {
  status = 'ready';
  async subscribe(): Promise<void> {
    if (this.status !== 'ready') throw new Error("Stream isn't writeable");
  }
  /** Drops and comes back as ioredis does: close, then ready. */
  drop(): void {
    this.status = 'reconnecting';
    this.emit('close');
  }
  back(): void {
    this.status = 'ready';
    this.emit('ready');
  }
}

const stored: ChatMessage = {
  type: 'message',
  id: 'm1',
  seq: 1,
  kind: 'chat',
  room: 'dev',
  from: 'alice',
  text: 'sent during the partition',
  ts: 1000,
};

describe('the Redis broker after a lost subscription', () => {
  it('reads back what it missed once the command connection is back too, whichever returns first', async () => {
    const command = new FakeConnection();
    const subscriber = new FakeConnection();
    const broker = new RedisBroker({
      command: command as unknown as Redis,
      subscriber: subscriber as unknown as Redis,
      nodeId: 'n1',
      logger: silentLogger,
      now: () => 500,
      // History is read over the command connection: it fails at once while that one is down.
      history: async () => {
        if (command.status !== 'ready') throw new Error("Stream isn't writeable");
        return { messages: [stored], more: false };
      },
    });
    await broker.start();
    broker.setInterest(() => true);
    broker.setLocalTargets(async () => [{ target: 'room:dev', channels: ['room:dev'] }]);
    const delivered: string[] = [];
    broker.onDelivery((delivery) => delivered.push(delivery.frame));

    command.drop();
    subscriber.drop();
    subscriber.back();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(delivered).toEqual([]);
    command.back();
    await expect.poll(() => delivered.map((frame) => JSON.parse(frame).text)).toEqual([stored.text]);
  });
});
