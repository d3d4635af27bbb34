import { markedName, sanitizeForTerminal } from 'aurora-protocol';
import { awayText } from '../../core/away.js';
import { type ChatState, HOME, listedTargets } from '../../core/chat-state.js';
import type { Theme } from '../../core/theme.js';
import { displayWidth, padEnd, truncate } from '../../core/wrap.js';
import { targetName } from '../status-line/status-text.js';

/**
 * The side panel's text, at most `height` rows of at most `width - 2` columns (its border and a space
 * go before them): the rooms and conversations (numbered for Alt+1..9, with unread counts and a `!`
 * for mentions, the current one highlighted), then the members of the current room, away ones dimmed.
 * Members that do not fit end in `+N more`. Rows are padded only where the padding shows (the
 * highlight, a badge at the right edge): Ink styles every character of every row on every frame.
 */
export function sidePanelLines(state: ChatState, theme: Theme, width: number, height: number): string[] {
  const inner = Math.max(1, width - 2);
  const rows: string[] = [theme.heading(truncate('Rooms', inner))];
  for (const key of listedTargets(state)) {
    const target = state.targets[key]!;
    const index = state.order.indexOf(key);
    const number = key === HOME ? ' ' : index < 10 ? String(index) : ' ';
    const badge = `${target.unread > 0 ? String(target.unread) : ''}${target.mentions > 0 ? '!' : ''}`;
    const name = truncate(`${number} ${targetName(target)}`, Math.max(1, inner - displayWidth(badge) - 1));
    const line = badge || key === state.current ? padEnd(name, inner - displayWidth(badge)) + badge : name;
    if (key === state.current) rows.push(theme.selected(line));
    else if (target.mentions > 0) rows.push(theme.alert(line));
    else rows.push(target.unread > 0 ? theme.unread(line) : line);
  }
  const target = state.targets[state.current]!;
  if (target.kind === 'room') {
    rows.push('', theme.heading(truncate(`Members (${target.members.length})`, inner)));
    const room = height - rows.length;
    const shown =
      target.members.length > room ? target.members.slice(0, Math.max(0, room - 1)) : target.members;
    for (const member of shown) {
      const nick = sanitizeForTerminal(markedName(member.nick, member.account));
      if (member.away) rows.push(theme.muted(truncate(`${nick} (${awayText(member)})`, inner)));
      else rows.push(theme.name(member.nick, truncate(nick, inner)));
    }
    if (shown.length < target.members.length)
      rows.push(theme.muted(truncate(`+${target.members.length - shown.length} more`, inner)));
  }
  return rows.slice(0, height);
}
