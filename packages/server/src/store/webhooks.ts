/**
 * An incoming webhook: whoever holds its secret URL posts to `room` as `name`, marked as a bot. Only
 * a hash of the secret is kept, as with session tokens.
 */
export interface Webhook {
  /** Public part of the URL (`/hooks/<id>/<secret>`); also how `list` and `revoke` name it. */
  readonly id: string;
  readonly room: string;
  readonly name: string;
  /** SHA-256 of the secret, hex. */
  readonly secretHash: string;
  readonly createdAt: number;
}

/** The webhooks operators made, kept in the same store as history so every node sees them. */
export interface WebhookStore {
  createWebhook(webhook: Webhook): Promise<void>;
  webhook(id: string): Promise<Webhook | undefined>;
  /** Every webhook, oldest first. */
  webhooks(): Promise<Webhook[]>;
  /** Deletes a webhook at once; false when there was none with this id. */
  revokeWebhook(id: string): Promise<boolean>;
}
