import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useChatState } from '../chat-context.js';
import { useUi } from '../ui-context.js';
import { useNow } from '../use-now.js';
import { sidePanelLines } from './side-panel-lines.js';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  readonly width: number;
  readonly height: number;
}

/** Rooms with unread counts, then the current room's members, right of a border. */
export function SidePanel({ width, height }: SidePanelProps) {
  const state = useChatState();
  const { theme } = useUi();
  // A mute that ends shows at the next redraw (the next message, key or resize).
  const now = useNow(false);
  // One text of identical rows: Ink styles a row once per frame however often it repeats.
  const border = useMemo(() => Array(height).fill(theme.muted('│')).join('\n'), [theme, height]);
  return (
    <Box flexDirection="row" width={width} height={height} flexShrink={0}>
      <Text>{border}</Text>
      {/* One text for all rows (they are cut to the width already): a node per row costs Ink's layout. */}
      <Box marginLeft={1} width={Math.max(1, width - 2)}>
        <Text>{sidePanelLines(state, theme, width, height, now).join('\n')}</Text>
      </Box>
    </Box>
  );
}
