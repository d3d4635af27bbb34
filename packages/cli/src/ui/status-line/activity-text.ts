import type { ChatState } from 'aurora-client';
import { displayWidth } from '../../core/wrap.js';
import { targetName } from './target-name.js';

/**
 * What happened in the other rooms and conversations, for the status line while the side panel is
 * hidden: `[#ops 2!] [@bob 1] [#dev 5]`, mentions and direct messages first, in at most `width`
 * columns. Names are never cut (two cut names could look alike): markers that do not fit become
 * `+N`. Names are sanitized (by {@link targetName}).
 */
export function activityText(state: ChatState, width: number): string {
  const active = state.order
    .filter((key) => key !== state.current)
    .map((key) => state.targets[key]!)
    .filter((target) => target.unread > 0 || target.mentions > 0);
  const urgent = (t: (typeof active)[number]) => t.mentions > 0 || t.kind === 'dm';
  const markers = [...active.filter(urgent), ...active.filter((t) => !urgent(t))].map(
    (t) => `[${targetName(t)} ${t.unread > 0 ? t.unread : ''}${t.mentions > 0 ? '!' : ''}]`,
  );
  for (let shown = markers.length; shown >= 0; shown--) {
    const rest = markers.length - shown;
    const text = [...markers.slice(0, shown), ...(rest > 0 ? [`+${rest}`] : [])].join(' ');
    if (displayWidth(text) <= width) return text;
  }
  return '';
}
