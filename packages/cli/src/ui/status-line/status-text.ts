import type { ChatState, ConnectionStatus, TargetState } from 'aurora-client';
import { awayMember, awayText, unsentLines } from 'aurora-client';
import { ErrorCode, isMuted, modeLetters, sanitizeForTerminal } from 'aurora-protocol';
import { displayWidth, truncate } from '../../core/wrap.js';
import { activityText } from './activity-text.js';
import { targetName } from './target-name.js';

export { targetName } from './target-name.js';

/** How the connection state reads in the status line: `online`, `reconnecting in 3 s`, ... */
export function connectionText(status: ConnectionStatus, now: number): string {
  switch (status.state) {
    case 'connecting':
      return status.attempt > 0 && status.everOnline ? 'reconnecting…' : 'connecting…';
    case 'online':
      return 'online';
    case 'reconnecting': {
      const seconds = Math.max(0, Math.ceil((status.retryAt - now) / 1000));
      // Never online (--wait): nothing to reconnect to yet, the server is not up.
      return status.everOnline
        ? `reconnecting in ${seconds} s`
        : `waiting for the server, retry in ${seconds} s`;
    }
    case 'refused':
      if (status.code === ErrorCode.AuthFailed) return 'session ended — /login';
      if (status.code === ErrorCode.NameRegistered) return 'name registered — /login or /nick NAME';
      return `refused: ${sanitizeForTerminal(status.code).replace(/_/g, ' ')} — /nick NAME`;
    case 'logged-out':
      return 'logged out — /login';
    case 'unreachable':
      return 'unreachable';
    case 'closed':
      return 'closed';
  }
}

/** A room's settings as IRC letters after its name (` +mi`), as `/mode` writes them; none: nothing. */
function modesOf(target: TargetState): string {
  if (target.kind !== 'room' || target.settings === undefined) return '';
  const letters = modeLetters(target.settings);
  return letters === '+' ? '' : ` ${letters}`;
}

/** A room being left: how many of the user's lines it still waits for (they may be off screen). */
function leavingText(target: TargetState): string {
  const unsent = unsentLines(target);
  if (unsent === 0) return 'leaving…';
  return `leaving after ${unsent === 1 ? '1 unsent line' : `${unsent} unsent lines`}`;
}

/**
 * The status line as plain text exactly `width` columns wide: server, connection state, the current
 * room with its mode letters (with `N people` in a big room) and its topic on the left, the user's name (logged in or guest, and away) on the right. With
 * `activity` (the side panel is hidden), unread rooms and conversations follow the room's name
 * (`[#ops 2!] [@bob 1!]`). The topic gives way first, then the server's name, then activity markers.
 */
export function statusText(
  state: ChatState,
  server: string,
  now: number,
  width: number,
  activity = false,
): string {
  const target = state.targets[state.current]!;
  // Logged in or a guest, at a glance: the account name with a check mark, or the nick marked guest
  // (only while online: connecting with a stored session, the client does not know yet).
  const online = state.status.state === 'online';
  const who = state.account !== undefined ? `✓ ${state.account}` : online ? `${state.me} (guest)` : state.me;
  const right = ` ${sanitizeForTerminal(who)}${state.away ? ' (away)' : ''} `;
  const parts = [
    ` ${sanitizeForTerminal(server)}`,
    connectionText(state.status, now),
    targetName(target) + modesOf(target),
  ];
  if (target.kind === 'dm') {
    const away = awayMember(state, target.label);
    parts.push(away ? `${sanitizeForTerminal(target.label)} is ${awayText(away)}` : 'direct messages');
  }
  if (target.kind !== 'home' && isMuted(state.prefs, target.key, now)) parts.push('muted');
  // A big room's member list is not on screen (it is paged with /who): its size is, here.
  if (target.kind === 'room' && target.memberCount !== undefined)
    parts.push(`${target.memberCount.toLocaleString('en-US')} people`);
  if (target.leaving) parts.push(leavingText(target));
  let left = parts.join(' │ ');
  if (activity) {
    // What happens elsewhere matters more than the server's name, which gives way when both do not fit.
    const all = activityText(state, Number.POSITIVE_INFINITY);
    const room = () => width - displayWidth(right) - displayWidth(left) - 1;
    if (displayWidth(all) > room()) left = ` ${parts.slice(1).join(' │ ')}`;
    const elsewhere = activityText(state, room());
    if (elsewhere) left += ` ${elsewhere}`;
  }
  const topic = target.kind === 'room' ? sanitizeForTerminal(target.topic) : '';
  const room = width - displayWidth(right) - displayWidth(left);
  if (topic && room > 6) left += ` │ ${truncate(topic, room - 3)}`;
  left = truncate(left, Math.max(0, width - displayWidth(right)));
  const gap = Math.max(0, width - displayWidth(left) - displayWidth(right));
  return truncate(left + ' '.repeat(gap) + right, width);
}
