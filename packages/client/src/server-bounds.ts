import { type ChatMessage, LIMITS, PREFS_LIMITS, type ServerMessage, utf8Length } from 'aurora-protocol';

// What this client keeps of what a server sends. A server is trusted to say who wrote what, not to
// stay within the limits it announces: 25 messages of 1 MiB text once took the terminal client to
// 755 MB. Frames are bounded before decoding; messages are cut before anything keeps them.

/** Longest message text kept, in UTF-8 bytes, whatever a server announces. */
export const MAX_KEPT_TEXT_BYTES = 64 * 1024;

/** Longest name, id, topic or error message kept, in UTF-8 bytes (real ones are far shorter). */
export const MAX_KEPT_SHORT_BYTES = 1024;

/** The text bound for a server announcing `announced` bytes: never under the protocol's, never huge. */
export function keptTextBytes(announced: number): number {
  return Math.min(MAX_KEPT_TEXT_BYTES, Math.max(LIMITS.maxTextBytes, announced));
}

/**
 * `text` if it fits in `maxBytes` of UTF-8, else its longest prefix that does (never half a
 * character) plus a mark saying how long it was, so a cut text never passes for the whole.
 */
export function cutText(text: string, maxBytes: number): string {
  // Each UTF-16 unit is at most 3 bytes: short texts need no counting.
  if (text.length * 3 <= maxBytes) return text;
  const size = utf8Length(text);
  if (size <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const width = utf8Length(ch);
    if (bytes + width > maxBytes) break;
    bytes += width;
    end += ch.length;
  }
  return `${text.slice(0, end)}… [cut: ${size} bytes]`;
}

/** A message with its text cut to `maxTextBytes` and its other strings to a short bound. */
export function boundChatMessage(message: ChatMessage, maxTextBytes: number): ChatMessage {
  const short = (s: string) => cutText(s, MAX_KEPT_SHORT_BYTES);
  const text = cutText(message.text, maxTextBytes);
  const fits =
    text === message.text &&
    [message.id, message.from, message.room, message.to, message.cid].every(
      (s) => s === undefined || short(s) === s,
    ) &&
    (message.event === undefined || JSON.stringify(message.event).length <= MAX_KEPT_SHORT_BYTES);
  if (fits) return message;
  const { event } = message;
  // The event's keys are the schema's (the decoder drops others); only its strings need cutting.
  const boundEvent =
    event &&
    (Object.fromEntries(
      Object.entries(event).map(([key, value]) => [key, typeof value === 'string' ? short(value) : value]),
    ) as typeof event);
  return {
    ...message,
    id: short(message.id),
    from: short(message.from),
    text,
    ...(message.room === undefined ? {} : { room: short(message.room) }),
    ...(message.to === undefined ? {} : { to: short(message.to) }),
    ...(message.cid === undefined ? {} : { cid: short(message.cid) }),
    ...(boundEvent === undefined ? {} : { event: boundEvent }),
  };
}

/** A server message with every message text, topic and error it carries cut to its bound. */
export function boundServerMessage(message: ServerMessage, maxTextBytes: number): ServerMessage {
  const messages = (list: readonly ChatMessage[]) => list.map((m) => boundChatMessage(m, maxTextBytes));
  const short = (s: string) => cutText(s, MAX_KEPT_SHORT_BYTES);
  switch (message.type) {
    case 'message':
      return boundChatMessage(message, maxTextBytes);
    case 'joined':
      return { ...message, topic: short(message.topic), history: messages(message.history) };
    case 'history':
      return { ...message, messages: messages(message.messages) };
    case 'digest':
      return { ...message, mentions: messages(message.mentions), direct: messages(message.direct) };
    case 'error':
      return { ...message, message: short(message.message) };
    case 'rooms':
      return { ...message, rooms: message.rooms.map((r) => ({ ...r, topic: short(r.topic) })) };
    case 'search_results':
      return {
        ...message,
        results: message.results.map((r) => ({
          ...r,
          target: short(r.target),
          from: short(r.from),
          snippet: r.snippet.map((part) => ({ ...part, text: cutText(part.text, maxTextBytes) })),
        })),
      };
    case 'prefs':
      // Keywords are matched against every message: a server sending thousands must not slow each one.
      return {
        ...message,
        keywords: message.keywords
          .slice(0, PREFS_LIMITS.maxKeywords)
          .map((word) => word.slice(0, PREFS_LIMITS.maxKeywordLength * 2)),
      };
    default:
      return message;
  }
}
