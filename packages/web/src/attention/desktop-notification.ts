import { messagePlace } from 'aurora-client';
import { type ChatMessage, markedName, sanitizeForTerminal } from 'aurora-protocol';

/** Longest title and body, in code points: a notification shows about a line of each. */
const TITLE_MAX = 60;
const BODY_MAX = 140;

/** What a notification says: who, where, and the start of the text. */
export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/**
 * The notification of `message` from `me`'s point of view: `bob✓ in #dev` or `bob (direct message)`,
 * and the start of the text. Remote text is plain strings for the API, but its controls, bidi
 * overrides and invisible characters are taken out all the same (the protocol's sanitizer), so a
 * name cannot pass for another or reorder the line; the sender is marked as on screen.
 */
export function notificationText(message: ChatMessage, me: string): NotificationText {
  const place = messagePlace(message, me);
  const from = markedName(clip(message.from, TITLE_MAX / 2), message.account, message.bot);
  const title = place?.isDm
    ? `${from} (direct message)`
    : `${from} in #${clip(place?.name ?? '', TITLE_MAX / 2)}`;
  const said = message.kind === 'action' ? `* ${message.from} ${message.text}` : message.text;
  return { title, body: clip(said, BODY_MAX) };
}

/** One line of remote text, safe and at most `max` code points (ending `…` when cut). */
export function clip(text: string, max: number): string {
  const clean = [
    ...sanitizeForTerminal(text.slice(0, max * 4))
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  return clean.length <= max ? clean.join('') : `${clean.slice(0, max - 1).join('')}…`;
}

/**
 * Shows a desktop notification; clicking it brings the page to the front and opens `target`.
 * Tagged by target, so a burst in one conversation (a reconnect's replay) replaces its notification
 * instead of piling up. Does nothing where the browser has no Notifications API or no permission.
 */
export function showNotification(text: NotificationText, target: string, open: (key: string) => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const shown = new Notification(text.title, { body: text.body, tag: `aurora:${target}` });
  shown.onclick = () => {
    window.focus();
    open(target);
    shown.close();
  };
}

/** What turning desktop notifications on or off means, or why the browser would not. */
export function alertsText(on: boolean, permission: NotificationPermission): string {
  if (on)
    return 'Desktop notifications are on: mentions, direct messages, and rooms set to every message (the ⋯ menu by a room, or /notify all). Muted rooms stay quiet.';
  return permission === 'granted'
    ? 'Desktop notifications are off.'
    : "This browser blocks this site's notifications: allow them in its site settings, then try again.";
}
