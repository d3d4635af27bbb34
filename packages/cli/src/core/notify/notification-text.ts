import {
  type ChatMessage,
  formatMessage,
  inDirectConversation,
  markedName,
  sanitizeForTerminal,
} from 'aurora-protocol';
import { truncate } from '../wrap.js';
import type { NotificationText } from './encode-notification.js';

/** Columns a name or room keeps in a notification; names are shorter than this in practice. */
const NAME_COLUMNS = 32;
/** Columns of message text a notification keeps: the start is enough to know whether to look. */
const BODY_COLUMNS = 100;
/** Code units of the message formatted at most: far more than the body keeps, however it renders. */
const TEXT_SCAN = 1000;

/**
 * What a notification about `message` says: the sender and the room (or "direct message") as the
 * title, the start of the text (markup rendered away, `/me` as `* bob waves`) as the body. Every
 * part is remote text, so each goes through {@link notificationField}. `others` counts the messages
 * that arrived with it and are told in the same notification (`bob in #dev (+2 more)`).
 */
export function notificationText(message: ChatMessage, others = 0): NotificationText {
  // Marked as on screen (`bob✓`, `ci⚙`), so a guest cannot pass for an account in a notification either.
  const from = markedName(notificationField(message.from, NAME_COLUMNS), message.account, message.bot);
  const place = inDirectConversation(message)
    ? 'direct message'
    : `#${notificationField(message.room ?? '', NAME_COLUMNS)}`;
  const text = formatMessage(message.text.slice(0, TEXT_SCAN))
    .map((span) => span.text)
    .join('');
  const said = message.kind === 'action' ? `* ${message.from} ${text}` : text;
  const title = inDirectConversation(message) ? `${from} (${place})` : `${from} in ${place}`;
  return {
    title: others > 0 ? `${title} (+${others} more)` : title,
    body: notificationField(said, BODY_COLUMNS),
  };
}

/**
 * One line of remote text made safe inside a notification escape, at most `columns` wide and cut at
 * a whole grapheme (ending `…`). The protocol's sanitizer removes escape sequences whole and turns
 * every other C0 and C1 control (BEL, ESC, ST, CAN, ...) into a visible stand-in; `;` becomes `,`
 * because OSC 777 and OSC 9 read it as a field separator (and `9;4;...` as a progress bar).
 */
export function notificationField(text: string, columns: number): string {
  const clean = sanitizeForTerminal(text).replaceAll(';', ',').replace(/\s+/g, ' ').trim();
  return truncate(clean, columns);
}
