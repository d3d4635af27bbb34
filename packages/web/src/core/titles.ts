import { type ChatState, messagePlace, type TargetState } from 'aurora-client';
import { type ChatMessage, type RoomSettings, sameName } from 'aurora-protocol';
import { activeTarget, type PageState, totalUnread } from './page-state.js';

/** How a conversation is named on screen: `#dev`, or `@bob` for a direct one. */
export function targetTitle(target: Pick<TargetState, 'kind' | 'label'>): string {
  return target.kind === 'dm' ? `@${target.label}` : `#${target.label}`;
}

/** The settings that change what a member may do or who gets in, as the top bar names them. */
const SETTING_LABELS: readonly (readonly [keyof RoomSettings, string])[] = [
  ['moderated', 'moderated'],
  ['inviteOnly', 'invite-only'],
  ['private', 'private'],
  ['password', 'password'],
];

/**
 * A room's settings in a few words for the top bar (`moderated · invite-only`), empty for an open
 * room or unknown settings. Topic protection, on in every owned room, is left to `/mode`.
 */
export function settingsLabel(settings: RoomSettings | undefined): string {
  if (settings === undefined) return '';
  return SETTING_LABELS.filter(([setting]) => settings[setting])
    .map(([, label]) => label)
    .join(' · ');
}

/** A conversation's badge in the list: its unread count, with `!` when one of them mentions the user. */
export function unreadBadge(target: Pick<TargetState, 'unread' | 'mentions'>): string {
  if (target.unread === 0 && target.mentions === 0) return '';
  return `${target.unread > 99 ? '99+' : String(target.unread)}${target.mentions > 0 ? '!' : ''}`;
}

/** The tab's title: unread count first, so it shows in a crowded tab bar. */
export function pageTitle(state: PageState): string {
  const unread = totalUnread(state.chat);
  const target = activeTarget(state);
  return `${unread > 0 ? `(${unread}) ` : ''}${target ? `${targetTitle(target)} · ` : ''}Aurora`;
}

/**
 * What a screen reader should say about a message that just arrived: messages in the conversation on
 * screen, and direct messages wherever they land. Nothing for our own messages or other rooms.
 */
export function announcement(message: ChatMessage, chat: ChatState): string | undefined {
  if (sameName(message.from, chat.me)) return undefined;
  const place = messagePlace(message, chat.me);
  if (!place) return undefined;
  if (place.isDm && message.kind === 'system') return message.text;
  if (place.isDm) return `Direct message from ${message.from}: ${message.text}`;
  if (place.target !== chat.current) return undefined;
  if (message.kind === 'system') return message.text;
  return message.kind === 'action' ? `${message.from} ${message.text}` : `${message.from}: ${message.text}`;
}
