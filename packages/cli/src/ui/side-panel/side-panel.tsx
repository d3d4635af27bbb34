import { Box, Text } from 'ink';
import { useChatState } from '../chat-context.js';
import { useUi } from '../ui-context.js';
import { sidePanelLines } from './side-panel-lines.js';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  readonly width: number;
  readonly height: number;
}

/** Rooms with unread counts, then the current room's members. */
export function SidePanel({ width, height }: SidePanelProps) {
  const state = useChatState();
  const { theme } = useUi();
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      {sidePanelLines(state, theme, width, height).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
