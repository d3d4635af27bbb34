import { Box, Text } from 'ink';
import { useUi } from '../ui-context.js';
import { useSearchView } from './search-view-context.js';
import { searchViewLines } from './search-view-lines.js';

/** Props of {@link SearchView}. */
export interface SearchViewProps {
  readonly width: number;
  readonly height: number;
}

/**
 * The results of `/search`, in place of the transcript: a heading with the query, one row a result
 * (newest first, matches in bold, the selected row in reverse), and the keys on the last row.
 */
export function SearchView({ width, height }: SearchViewProps) {
  const [view] = useSearchView();
  const { theme, clock } = useUi();
  const lines = searchViewLines(view, width, height, theme, clock.now());
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not results
        <Text key={i} wrap="truncate-end">
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
