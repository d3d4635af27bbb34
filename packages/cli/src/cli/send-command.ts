import type { SocketFactory } from 'aurora-client';
import { LIMITS, utf8Length } from 'aurora-protocol';
import { CliError, CliErrorCode } from './cli-error.js';
import { type ScriptCredentials, scriptSession, settleOn } from './script-session.js';
import { checkSendId, sendIdCid, sendTarget } from './send-id.js';
import type { Settings } from './settings.js';

/** What `aurora-chat send` needs. */
export interface SendOptions {
  readonly settings: Settings;
  /** The message; empty means none was given. */
  readonly text: string;
  /** Send to this person instead of the first room. */
  readonly to?: string;
  /**
   * A key that makes the send idempotent (`--id`): every run with the same key and target stores
   * the message once, and the later ones exit 0 as if they had sent it.
   */
  readonly id?: string;
  /** The seq of the message this one answers (`--reply-to`). */
  readonly replyTo?: number;
  /** Give up after this long without an acknowledgement. */
  readonly timeoutMs: number;
  readonly socketFactory: SocketFactory;
  /** The stored session to send as (and the file to drop it from when it ended). */
  readonly credentials?: ScriptCredentials;
}

/**
 * Sends one message and resolves once the server acknowledged it (it is stored). Rejects with a
 * CliError carrying the server's code (`name_taken`, `rate_limited`, ...) or `unreachable`/`timeout`.
 * A connection that drops after connecting is retried, and the message re-sent with the same id, until
 * the time is up; the server stores it once.
 */
export async function sendMessage(options: SendOptions): Promise<void> {
  const { settings, to, id } = options;
  if (id !== undefined) checkSendId(id);
  const text = options.text.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  if (text.trim() === '')
    throw new CliError(CliErrorCode.NoText, 'no message: give it as an argument or pipe it on stdin');
  if (utf8Length(text) > LIMITS.maxTextBytes)
    throw new CliError(
      CliErrorCode.TextTooLong,
      `the message is ${utf8Length(text)} bytes; the limit is ${LIMITS.maxTextBytes}`,
    );
  const room = settings.rooms[0];
  if (to === undefined && room === undefined)
    throw new CliError(CliErrorCode.BadUsage, 'send needs a room (--room) or a person (--to)');

  // Posting needs no membership, so a one-shot post leaves no join and leave notices behind; a room
  // with a join password (AURORA_ROOM_PASSWORD) takes posts from members only, so that one is joined.
  const keyed = id === undefined ? undefined : sendIdCid(sendTarget(room, to), id);
  const joins = to === undefined && settings.roomPassword !== undefined ? [room!] : [];
  const session = scriptSession(settings, joins, options.socketFactory, options.credentials, {
    ...(keyed === undefined ? {} : { newCid: () => keyed }),
  });
  const { connection } = session;
  const replyTo = options.replyTo;
  const cid = (
    to === undefined
      ? connection.send('say', room!, text, replyTo)
      : connection.send('dm', `@${to}`, text, replyTo)
  ).cid;
  try {
    await settleOn<void>({
      connection,
      settings,
      timeoutMs: options.timeoutMs,
      awaited: 'acknowledgement',
      handle: (event, stored, refused) => {
        if (event.type === 'send-failed' && event.cid === cid)
          refused(new CliError(event.code, `the server refused the message: ${event.message}`));
        if (event.type !== 'server') return;
        const { message } = event;
        if (message.type === 'ack' && message.cid === cid) stored();
        else if (message.type === 'error' && message.room !== undefined)
          refused(new CliError(message.code, `cannot post to ${message.room}: ${message.message}`));
      },
    });
  } finally {
    await session.finish();
  }
}
