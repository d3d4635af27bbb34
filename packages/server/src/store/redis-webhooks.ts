import type { Redis } from 'ioredis';
import type { RedisKeys } from '../cluster/keys.js';
import { storage } from './redis-call.js';
import type { Webhook, WebhookStore } from './webhooks.js';

/** Webhooks in one Redis hash (id -> JSON), read on every post so a revoke counts on every node at once. */
export class RedisWebhooks implements WebhookStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  createWebhook(webhook: Webhook): Promise<void> {
    return storage(async () => {
      await this.redis.hset(this.keys.webhooks, webhook.id, JSON.stringify(webhook));
    });
  }

  webhook(id: string): Promise<Webhook | undefined> {
    return storage(async () => {
      const json = await this.redis.hget(this.keys.webhooks, id);
      // Written by createWebhook from a Webhook.
      return json === null ? undefined : (JSON.parse(json) as Webhook);
    });
  }

  webhooks(): Promise<Webhook[]> {
    return storage(async () => {
      const all = Object.values(await this.redis.hgetall(this.keys.webhooks));
      return all
        .map((json) => JSON.parse(json) as Webhook)
        .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    });
  }

  revokeWebhook(id: string): Promise<boolean> {
    return storage(async () => (await this.redis.hdel(this.keys.webhooks, id)) > 0);
  }
}
