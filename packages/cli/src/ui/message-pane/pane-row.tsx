import { Box, Text } from 'ink';
import type { Line } from '../../core/render-line.js';

/** One row of the transcript: a line, or a gutter beside its text (two texts; see {@link Line}). */
export function PaneRow({ line }: { readonly line: Line }) {
  if (typeof line === 'string') return <Text wrap="truncate-end">{line || ' '}</Text>;
  return (
    <Box>
      <Box flexShrink={0}>
        <Text>{line.gutter}</Text>
      </Box>
      <Text wrap="truncate-end">{line.text}</Text>
    </Box>
  );
}
