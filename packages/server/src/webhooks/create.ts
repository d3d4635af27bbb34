import { canonicalName, checkNick, checkRoom } from 'aurora-protocol';
import type { Clock } from '../clock.js';
import type { IdFactory } from '../ids.js';
import { registeredLookalike } from '../name-claims.js';
import type { AccountStore } from '../store/accounts.js';
import type { Webhook, WebhookStore } from '../store/webhooks.js';
import { WEBHOOK_PATH_PREFIX } from './endpoint.js';
import { newWebhookSecret } from './secret.js';

/** Why a webhook was not made; the message is the line the command prints. */
export class WebhookCreateError extends Error {
  override readonly name = 'WebhookCreateError';

  constructor(
    /** `room_invalid`, `name_invalid` or `name_registered`. */
    readonly code: 'room_invalid' | 'name_invalid' | 'name_registered',
    message: string,
  ) {
    super(message);
  }
}

/** A webhook just made, with its secret: shown to the operator once, never stored. */
export interface CreatedWebhook {
  readonly webhook: Webhook;
  readonly secret: string;
  /** `/hooks/<id>/<secret>`, to put after the server's address. */
  readonly path: string;
}

/**
 * Makes a webhook that posts to `room` as `name`. The room and the name follow the rules people's
 * do (`checkRoom`, `checkNick`), and a registered name, or one that looks like one (the look-alike
 * rule of `name-claims`), is refused: a webhook must never pass for a person's account.
 */
export async function createWebhook(
  stores: { readonly accounts: AccountStore; readonly webhooks: WebhookStore },
  request: { readonly room: string; readonly name: string },
  clock: Pick<Clock, 'now'>,
  ids: IdFactory,
): Promise<CreatedWebhook> {
  const room = checkRoom(request.room);
  if (!room.ok) throw new WebhookCreateError('room_invalid', `--room: ${room.problem.message}`);
  const name = checkNick(request.name);
  if (!name.ok) throw new WebhookCreateError('name_invalid', `--name: ${name.problem.message}`);
  const taken = await registeredLookalike(stores.accounts, canonicalName(name.name), name.name);
  if (taken !== undefined)
    throw new WebhookCreateError(
      'name_registered',
      taken.name === name.name
        ? `--name: ${name.name} is a registered account; pick a name nobody has registered`
        : `--name: ${name.name} looks like the registered account ${taken.name}; pick another name`,
    );
  const { secret, hash } = newWebhookSecret();
  const webhook: Webhook = {
    id: ids('wh'),
    room: room.name,
    name: name.name,
    secretHash: hash,
    createdAt: clock.now(),
  };
  await stores.webhooks.createWebhook(webhook);
  return { webhook, secret, path: `${WEBHOOK_PATH_PREFIX}${webhook.id}/${secret}` };
}
