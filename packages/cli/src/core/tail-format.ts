import { type ChatMessage, markedName, sanitizeForTerminal } from 'aurora-protocol';

// Characters JSON.stringify leaves raw that a terminal could still act on or that reorder text:
// C1 controls, bidi controls, line and paragraph separators. Escaped as \uXXXX, the data is intact.
const JSON_UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * One message as one JSON line for scripts: `type`, `kind`, `room` (null for direct messages), `to`,
 * `from`, `account: true` when the sender is registered, `text` as sent (markup included), `ts` in ISO 8601, `id`, `seq`, and `event` on notices.
 * Nothing in it is terminal formatting: control characters are JSON escapes, never raw bytes.
 */
export function tailJson(message: ChatMessage): string {
  const line = JSON.stringify({
    type: 'message',
    kind: message.kind,
    room: message.room ?? null,
    ...(message.to !== undefined ? { to: message.to } : {}),
    from: message.from,
    ...(message.account ? { account: true } : {}),
    text: message.text,
    ts: new Date(message.ts).toISOString(),
    id: message.id,
    seq: message.seq,
    ...(message.event ? { event: message.event } : {}),
  });
  return line.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One message as one line of text: `2026-03-03 12:04:05 #dev <alice> text` in local time; actions as
 * `* alice waves`, notices as `-- text`, direct messages under `@peer`; a registered sender's name
 * carries `✓` (`<alice✓>`). Remote strings are sanitized
 * and line breaks become spaces, so one message is always one line.
 */
export function tailText(message: ChatMessage, me: string): string {
  const when = localStamp(message.ts);
  const where =
    message.room !== undefined
      ? `#${message.room}`
      : `@${message.from === me ? (message.to ?? '') : message.from}`;
  const from = sanitizeForTerminal(markedName(message.from, message.account));
  const text = sanitizeForTerminal(message.text);
  switch (message.kind) {
    case 'action':
      return `${when} ${sanitizeForTerminal(where)} * ${from} ${text}`;
    case 'system':
      return `${when} ${sanitizeForTerminal(where)} -- ${text}`;
    default:
      return `${when} ${sanitizeForTerminal(where)} <${from}> ${text}`;
  }
}

function localStamp(ts: number): string {
  const d = new Date(ts);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
