import { Box, Text } from 'ink';
import type { Line } from '../../core/render-line.js';

/**
 * One row of the transcript: a line, or a gutter beside its text (two texts; see {@link Line}). The
 * text is wrapped to the columns beside the gutter, so neither has to shrink; a box to pin the gutter
 * would cost Ink's layout as much as the split saves.
 */
export function PaneRow({ line }: { readonly line: Line }) {
  if (typeof line === 'string') return <Text wrap="truncate-end">{line || ' '}</Text>;
  return (
    <Box>
      <Text wrap="truncate-end">{line.gutter}</Text>
      <Text wrap="truncate-end">{line.text}</Text>
    </Box>
  );
}
