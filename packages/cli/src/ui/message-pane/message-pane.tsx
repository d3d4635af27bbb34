import {
  canLoadOlder,
  DEFAULT_QUIET_JOINS,
  hidesMembership,
  lastSeq,
  lowerBound,
  messageOrder,
  visibleItems,
} from 'aurora-client';
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { createLineRenderer, runLines } from '../../core/render-line.js';
import { truncate } from '../../core/wrap.js';
import { useChatActions, useChatState } from '../chat-context.js';
import { useSearchView } from '../search-view/index.js';
import { useUi } from '../ui-context.js';
import { digestLines } from './digest-block.js';
import { layoutFor, newMessagesMarker } from './pane-layout.js';
import { markLine, PaneRows } from './pane-row.js';
import { createPaneLines } from './quiet-runs.js';
import { type Measure, paneList, visibleWindow } from './scroll.js';
import { useGapFill } from './use-gap-fill.js';
import { useJumpFocus } from './use-jump-focus.js';
import { useMessagePane } from './use-message-pane.js';
import { anchorOf, useMessagePaneState } from './use-message-pane-state.js';

const HOME_HINT = 'You are in no room yet: /join ROOM to join one, /help for more.';

/** Props of {@link MessagePane}. */
export interface MessagePaneProps {
  readonly width: number;
  readonly height: number;
  /** Message numbers in place of times (Alt+N). */
  readonly numbers?: boolean;
}

/**
 * The transcript of the current room. Only the rows on screen are drawn (wrapped lines are cached per
 * message), so a room with 100,000 loaded messages scrolls like an empty one. Scrolled up, the view
 * stays put while messages arrive and the last row counts them; at the top, older history loads.
 * Logged in, seeing the newest messages moves the account's read marker; the "while you were away"
 * digest sits above the transcript until the user moves to another view. A message jumped to from
 * the search view is loaded, scrolled to and marked for a moment; a hole on screen fills.
 */
export function MessagePane({ width, height, numbers = false }: MessagePaneProps) {
  const state = useChatState();
  const actions = useChatActions();
  const { theme, time, clock, quietJoins = DEFAULT_QUIET_JOINS } = useUi();
  const target = state.targets[state.current]!;
  const [pane, dispatch] = useMessagePaneState();
  const [search] = useSearchView();
  const { nickWidth, showDate } = layoutFor(target, state.me, width, time);
  const hide = target.kind === 'room' && hidesMembership(quietJoins, target.members.length);
  // Read through a ref, so a new message does not throw away every drawn line (quotes are drawn
  // from the transcript as it is when the reply is first drawn).
  const transcript = useRef(target.items);
  transcript.current = target.items;
  const lines = useMemo(() => {
    const quoted = (seq: number) => {
      const items = transcript.current;
      const at = lowerBound(items, messageOrder(seq));
      const item = at < items.length ? items.get(at) : undefined;
      return item?.kind === 'message' && item.message.seq === seq ? item.message : undefined;
    };
    const context = { width, nickWidth, me: state.me, theme, time, quoted, numbers };
    return createPaneLines(createLineRenderer(context), {
      hide,
      daysDiffer: (a, b) => time.day(a) !== time.day(b),
      drawRun: (ts, text, showDate) => runLines(ts, text, showDate, context),
    });
  }, [width, nickWidth, state.me, theme, time, hide, numbers]);
  // People the user ignores are left out here; their messages stay in the transcript (see hiddenByIgnore).
  const items = useMemo(() => visibleItems(target.items, state.prefs), [target.items, state.prefs]);
  const list = useMemo(() => paneList(items, target.pending), [items, target.pending]);
  const anchor = anchorOf(pane, target.key);
  const digest = state.awayDigest
    ? digestLines(state.awayDigest, width, Math.floor(height / 2), { theme, time, now: clock.now() })
    : [];
  const rows = (anchor.follow ? height : height - 1) - digest.length;
  const measure = (): Measure => ({
    list,
    height: rows,
    lines: (i) => {
      const item = list.itemAt(i);
      const drawn = lines(list, i, showDate(list, i));
      return item.kind === 'message' && item.message.seq === marked
        ? drawn.map((l) => markLine(l, theme))
        : drawn;
    },
  });
  const marked = useJumpFocus(target, list, dispatch, measure);
  const window = visibleWindow(anchor, measure());
  const shown =
    target.kind === 'home' && list.count === 0 && state.status.state === 'online'
      ? [...window.rows.slice(1), theme.muted(truncate(HOME_HINT, width))]
      : window.rows;
  useMessagePane(target.key, dispatch, measure, !search.open);

  // The user's own line brings the view down to it (scrolled up, it would only count as "new").
  const sent = useRef({ target: target.key, cid: target.pending.at(-1)?.outgoing.cid });
  const newestSent = target.pending.at(-1)?.outgoing.cid;
  useEffect(() => {
    const before = sent.current;
    sent.current = { target: target.key, cid: newestSent };
    if (before.target === target.key && newestSent !== undefined && newestSent !== before.cid)
      dispatch({ type: 'bottom', target: target.key });
  }, [target.key, newestSent, dispatch]);

  useEffect(() => {
    if (window.reachedTop && canLoadOlder(target)) actions.loadOlder(target.key);
  }, [window.reachedTop, target, actions]);
  useGapFill(target, window, anchor, dispatch, measure, state.status.state === 'online');

  const newest = lastSeq(target.items);
  const reading = state.status.state === 'online' && state.account !== undefined;
  useEffect(() => {
    if (anchor.follow && newest !== undefined && reading) actions.seen(target.key);
  }, [anchor.follow, newest, reading, target.key, actions]);

  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      {digest.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
        <Text key={`digest-${i}`} wrap="truncate-end">
          {row}
        </Text>
      ))}
      <PaneRows rows={shown} />
      {anchor.follow ? null : (
        <Text wrap="truncate-end">
          {theme.paint(newMessagesMarker(window.newCount, width), { role: 'gap' })}
        </Text>
      )}
    </Box>
  );
}
