import { awayText, type ChatState, HOME, listedTargets } from 'aurora-client';
import { isMuted, markedName, roleMark, sanitizeForTerminal } from 'aurora-protocol';
import type { Theme } from '../../core/theme.js';
import { displayWidth, foldText, padEnd, truncate } from '../../core/wrap.js';
import { targetName } from '../status-line/status-text.js';

/** How the second and later rows of a name folded over several rows start. */
const CONTINUED = '  ';

/**
 * The side panel's text, at most `height` rows of at most `width - 2` columns (its border and a space
 * go before them): the rooms and conversations (numbered for Alt+1..9, with unread counts and a `!`
 * for mentions, the current one highlighted, muted ones dimmed as of `now`), then the members of the
 * current room, away ones dimmed; a big room (the server sent its size, not its list) is `N people`
 * and the names `/who` paged in. Members that do not fit, or were not paged in, end in `+N more`.
 * Names are never cut (two long ones would look the
 * same): one wider than the panel goes on over the next rows. Rows are padded only where the padding shows (the
 * highlight, a badge at the right edge): Ink styles every character of every row on every frame.
 */
export function sidePanelLines(
  state: ChatState,
  theme: Theme,
  width: number,
  height: number,
  now: number,
): string[] {
  const inner = Math.max(1, width - 2);
  const rows: string[] = [theme.heading(truncate('Rooms', inner))];
  for (const key of listedTargets(state)) {
    const target = state.targets[key]!;
    const index = state.order.indexOf(key);
    const number = key === HOME ? ' ' : index < 10 ? String(index) : ' ';
    const badge = `${target.unread > 0 ? String(target.unread) : ''}${target.mentions > 0 ? '!' : ''}`;
    const style =
      key === state.current
        ? theme.selected
        : target.mentions > 0
          ? theme.alert
          : key !== HOME && isMuted(state.prefs, key, now)
            ? theme.muted
            : target.unread > 0
              ? theme.unread
              : (line: string) => line;
    const [name = '', ...more] = foldText(
      `${number} ${targetName(target)}`,
      inner - CONTINUED.length,
      Math.max(1, inner - displayWidth(badge) - 1),
    );
    rows.push(
      style(badge || key === state.current ? padEnd(name, inner - displayWidth(badge)) + badge : name),
    );
    for (const rest of more)
      rows.push(style(key === state.current ? padEnd(CONTINUED + rest, inner) : CONTINUED + rest));
  }
  const target = state.targets[state.current]!;
  if (target.kind === 'room') {
    // A big room sends its size, not its list: the names shown are the pages `/who` asked for.
    const total = target.memberCount ?? target.members.length;
    const heading =
      target.memberCount === undefined ? `Members (${total})` : `${total.toLocaleString('en-US')} people`;
    rows.push('', theme.heading(truncate(heading, inner)));
    if (target.memberCount !== undefined && target.members.length === 0)
      rows.push(theme.muted(truncate('/who lists names', inner)));
    const room = height - rows.length;
    const shown = total > room ? target.members.slice(0, Math.max(0, room - 1)) : target.members;
    for (const member of shown) {
      // `~` owner, `@` operator, `&` server admin, as IRC clients mark them.
      const nick = roleMark(member.role) + sanitizeForTerminal(markedName(member.nick, member.account));
      // The name is folded whole; only what follows it (the away message) may be cut.
      const [first = '', ...more] = foldText(nick, inner - CONTINUED.length, inner);
      const folded = [first, ...more.map((rest) => CONTINUED + rest)];
      if (member.away) {
        const last = folded.pop() ?? '';
        const away = ` (${awayText(member)})`;
        const lastRow = displayWidth(last) + 3 <= inner ? truncate(last + away, inner) : last;
        rows.push(...[...folded, lastRow].map((row) => theme.muted(row)));
      } else rows.push(...folded.map((row) => theme.name(member.nick, row)));
    }
    if (shown.length < total && (target.memberCount === undefined || shown.length > 0))
      rows.push(theme.muted(truncate(`+${(total - shown.length).toLocaleString('en-US')} more`, inner)));
  }
  return rows.slice(0, height);
}
