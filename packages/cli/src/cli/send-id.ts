import { createHash } from 'node:crypto';
import { canonicalName } from 'aurora-protocol';
import { CliError, CliErrorCode } from './cli-error.js';

/** The longest `send --id` key: room for a UUID, a commit hash and a job name together. */
export const MAX_SEND_ID_LENGTH = 128;

/**
 * The client message id of `send --id KEY` to `target` (a canonical room, or `@nick`): `k1.` and the
 * base64url SHA-256 of `target`, a line break and the key, 46 characters of printable ASCII (the
 * protocol allows 64). The server stores a sender's cid once, so every retry of the same command, on
 * any connection, is acknowledged with the first message and stores nothing new; the target is in
 * the hash so one key used for two rooms posts to both. `k1` names this derivation, should it change.
 */
export function sendIdCid(target: string, key: string): string {
  return `k1.${createHash('sha256').update(`${target}\n${key}`).digest('base64url')}`;
}

/** The target a send goes to, as the cid derivation names it: the same whatever its spelling. */
export function sendTarget(room: string | undefined, to: string | undefined): string {
  return to === undefined ? (room ?? '') : `@${canonicalName(to)}`;
}

/** Stops with `bad_id` unless `key` is 1 to 128 characters of printable ASCII without spaces. */
export function checkSendId(key: string): void {
  if (/^[\x21-\x7e]{1,128}$/.test(key)) return;
  const why =
    key.length === 0
      ? 'it is empty'
      : key.length > MAX_SEND_ID_LENGTH
        ? `it is longer than ${MAX_SEND_ID_LENGTH} characters`
        : 'it may only hold printable ASCII without spaces (letters, digits, punctuation)';
  throw new CliError(CliErrorCode.BadId, `--id is not a usable key: ${why}`);
}
