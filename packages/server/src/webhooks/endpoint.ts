import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub } from '../hub.js';
import { TokenBucket } from '../rate-limit.js';
import { roomKey } from '../targets.js';
import { readBody, webhookText } from './body.js';
import { WebhookErrorCode, type WebhookRefusal } from './errors.js';
import { secretMatches } from './secret.js';

/** The largest refused body still read to its end so that its poster gets the answer. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/** Where webhooks are posted: `/hooks/<id>/<secret>`. */
export const WEBHOOK_PATH_PREFIX = '/hooks/';

/** The storage sender key of a webhook's messages: a canonical name never contains `:`, so no person has it. */
export function webhookSenderKey(id: string): string {
  return `webhook:${id}`;
}

const NOT_FOUND: WebhookRefusal = {
  status: 404,
  code: WebhookErrorCode.NotFound,
  message: 'no webhook at this URL (it may have been revoked)',
};

/**
 * Answers webhook posts: checks the secret, the webhook's rate limit and the body, then stores and
 * publishes the text as a chat message from the webhook's name, marked `bot`, through the same
 * `storeAndPublish` as a `say`, so limits, storage, ordering and fan-out are those of any message.
 */
export class WebhookEndpoint {
  /** One bucket per webhook that passed its secret check, so the map grows only with real webhooks. */
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly hub: Hub,
    /** Largest body read, in bytes (the server's `--max-payload`). */
    private readonly maxBodyBytes: number,
  ) {}

  /** Answers one request under {@link WEBHOOK_PATH_PREFIX}; never throws. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const answer = await this.answer(request);
      if ('status' in answer) this.refuse(request, response, answer);
      else send(response, 200, answer);
    } catch (error) {
      // The poster went away while its body was arriving: there is nobody left to answer.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        this.hub.options.logger.debug('webhook post aborted', { ip: request.socket.remoteAddress });
        return;
      }
      const storeDown = error instanceof Error && error.name === 'StoreError';
      this.hub.options.logger.error('webhook post failed', { error: String(error) });
      this.refuse(request, response, {
        status: 503,
        code: WebhookErrorCode.StoreUnavailable,
        message: storeDown ? 'storage is unavailable; nothing was stored, retry later' : 'retry later',
      });
    }
  }

  private async answer(
    request: IncomingMessage,
  ): Promise<{ id: string; seq: number } | (WebhookRefusal & { retryAfterMs?: number })> {
    const parts = (request.url ?? '').split('?')[0]!.slice(WEBHOOK_PATH_PREFIX.length).split('/');
    if (request.method !== 'POST')
      return { status: 405, code: WebhookErrorCode.MethodNotAllowed, message: 'webhooks take POST' };
    if (parts.length !== 2) return NOT_FOUND;
    const [id = '', secret = ''] = parts;
    const { store, clock, limits } = this.hub.options;
    const webhook = await store.webhooks.webhook(id);
    if (!secretMatches(secret, webhook?.secretHash) || webhook === undefined) return NOT_FOUND;
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = new TokenBucket(limits.burst, limits.ratePerSecond, clock);
      this.buckets.set(id, bucket);
    }
    const wait = bucket.take();
    if (wait > 0)
      return {
        status: 429,
        code: WebhookErrorCode.RateLimited,
        message: `too many messages; retry in ${wait} ms`,
        retryAfterMs: wait,
      };
    const body = await readBody(request, this.maxBodyBytes);
    if (body === 'too_large')
      return {
        status: 413,
        code: WebhookErrorCode.BodyTooLarge,
        message: `the body is larger than ${this.maxBodyBytes} bytes`,
      };
    const parsed = webhookText(request.headers['content-type'], body);
    if ('status' in parsed) return parsed;
    const target = roomKey(webhook.room);
    const { message } = await this.hub.storeAndPublish(
      {
        target,
        kind: 'chat',
        room: webhook.room,
        from: webhook.name,
        fromKey: webhookSenderKey(webhook.id),
        fromBot: true,
        text: parsed.text,
      },
      [target],
    );
    return { id: message.id, seq: message.seq };
  }

  private refuse(
    request: IncomingMessage,
    response: ServerResponse,
    refusal: WebhookRefusal & { retryAfterMs?: number },
  ): void {
    this.hub.options.logger.info('webhook refused', {
      code: refusal.code,
      ip: request.socket.remoteAddress,
    });
    this.hub.options.metrics?.failed(refusal.code);
    const headers: Record<string, string> = {};
    if (refusal.status === 405) headers.Allow = 'POST';
    if (refusal.retryAfterMs !== undefined)
      headers['Retry-After'] = String(Math.max(1, Math.ceil(refusal.retryAfterMs / 1000)));
    if (!request.readableEnded) {
      // A body refused before it was read is read and dropped when it says it is small enough, so
      // the poster finishes sending and reads this answer (a connection closed under a sender that
      // is still writing loses the answer to a reset); the request timeout bounds how long that
      // takes. A bigger body, or one refused while it arrived, closes the connection.
      const declared = Number(request.headers['content-length']);
      if (!(request.readableFlowing === null && declared <= DRAIN_LIMIT_BYTES)) headers.Connection = 'close';
      request.resume();
    }
    send(response, refusal.status, { code: refusal.code, message: refusal.message }, headers);
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: object,
  headers: Record<string, string> = {},
): void {
  const json = `${JSON.stringify(body)}\n`;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(json);
}
