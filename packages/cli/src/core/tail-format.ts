import { type ChatMessage, markedName, sanitizeForTerminal, stringifyForTerminal } from 'aurora-protocol';

/**
 * The version of the JSON lines `tail --json` prints (`"v"` on every line). It changes only when a
 * field changes meaning or goes away; new fields may be added within a version (PROTOCOL.md).
 */
export const TAIL_JSON_VERSION = 1;

/**
 * One message as one JSON line for scripts: `v`, `type`, `kind`, `room` (null for direct messages),
 * `to`, `from`, `account: true` when the sender is registered, `bot: true` when a webhook posted it,
 * `text` as sent (markup included), `ts` in ISO 8601, `id`, `seq`, `event` on notices, and the
 * `cursor` to resume after this line with (`tail --since`).
 * Nothing in it is terminal formatting: control, format, bidi and invisible characters are JSON
 * escapes, never raw, so the line is safe on a terminal and still parses to the exact text.
 */
export function tailJson(message: ChatMessage, cursor: string): string {
  return stringifyForTerminal({
    v: TAIL_JSON_VERSION,
    type: 'message',
    kind: message.kind,
    room: message.room ?? null,
    ...(message.to !== undefined ? { to: message.to } : {}),
    from: message.from,
    ...(message.account ? { account: true } : {}),
    ...(message.bot ? { bot: true } : {}),
    text: message.text,
    ts: new Date(message.ts).toISOString(),
    id: message.id,
    seq: message.seq,
    ...(message.event ? { event: message.event } : {}),
    ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
    ...(message.about === undefined ? {} : { about: message.about }),
    ...(message.emoji === undefined ? {} : { emoji: message.emoji }),
    ...(message.on === undefined ? {} : { on: message.on }),
    ...(message.edited === undefined ? {} : { edited: new Date(message.edited).toISOString() }),
    ...(message.deleted ? { deleted: true } : {}),
    ...(message.reactions?.length ? { reactions: message.reactions } : {}),
    cursor,
  });
}

/** The line printed once every followed room and conversation is printed up to date. */
export function caughtUpJson(cursor: string): string {
  return stringifyForTerminal({ v: TAIL_JSON_VERSION, type: 'caught_up', cursor });
}

/**
 * The line printed when the server no longer had every message of `target` after the cursor (its
 * retention dropped some, or the cursor is from before the server lost its data): those were
 * never printed, and the target goes on from what the server still has.
 */
export function gapJson(target: string, cursor: string): string {
  return stringifyForTerminal({ v: TAIL_JSON_VERSION, type: 'gap', target, cursor });
}

/**
 * One message as one line of text: `2026-03-03 12:04:05 #dev <alice> text` in local time; actions as
 * `* alice waves`, notices as `-- text`, direct messages under `@peer`; a registered sender's name
 * carries `✓` (`<alice✓>`), a webhook's `⚙` (`<builds⚙>`). Remote strings are sanitized
 * and line breaks become spaces, so one message is always one line.
 */
export function tailText(message: ChatMessage, me: string): string {
  const when = localStamp(message.ts);
  const where =
    message.room !== undefined
      ? `#${message.room}`
      : `@${message.from === me ? (message.to ?? '') : message.from}`;
  const from = sanitizeForTerminal(markedName(message.from, message.account, message.bot));
  const text = sanitizeForTerminal(message.text);
  switch (message.kind) {
    case 'action':
      return `${when} ${sanitizeForTerminal(where)} * ${from} ${text}`;
    case 'system':
      return `${when} ${sanitizeForTerminal(where)} -- ${text}`;
    // Events change an earlier message, named by its seq (`#12`), as `tail --json`'s `about`.
    case 'edit':
      return `${when} ${sanitizeForTerminal(where)} <${from}> edited #${message.about}: ${text}`;
    case 'delete':
      return `${when} ${sanitizeForTerminal(where)} -- ${from} deleted #${message.about}`;
    case 'reaction':
      return `${when} ${sanitizeForTerminal(where)} -- ${from} ${message.on === false ? 'took back' : 'reacted'} ${sanitizeForTerminal(message.emoji ?? '')} on #${message.about}`;
    default:
      return `${when} ${sanitizeForTerminal(where)} <${from}> ${text}`;
  }
}

/** A time as `2026-03-03 12:04:05` in local time. */
export function localStamp(ts: number): string {
  const d = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
