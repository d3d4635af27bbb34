import type { ChatMessage } from 'aurora-protocol';
import type { Digest } from './chat-state.js';

// "While you were away" as every client words it: the terminal draws it at the top of its first
// view, the browser above the conversation, both until the user moves on (`awayDigest`).

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The summary line: `While you were away: 2 mentions, 1 direct message`. */
export function digestSummary(digest: Digest): string {
  const more = digest.truncated ? ' (and more)' : '';
  return `While you were away: ${plural(digest.mentions.length, 'mention')}, ${plural(digest.direct.length, 'direct message')}${more}`;
}

/** One line of a digest: a mention in a room, or a direct message. */
export interface DigestEntry {
  readonly message: ChatMessage;
  /** The room of a mention; undefined for a direct message. */
  readonly room: string | undefined;
}

/** The mentions and direct messages of a digest, oldest first. */
export function digestEntries(digest: Digest): DigestEntry[] {
  return [
    ...digest.mentions.map((message) => ({ message, room: message.room ?? '' })),
    ...digest.direct.map((message) => ({ message, room: undefined })),
  ].sort((a, b) => a.message.ts - b.message.ts);
}
