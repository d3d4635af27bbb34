import { Box, Text } from 'ink';
import type { Line } from '../../core/render-line.js';
import type { Theme } from '../../core/theme.js';

type SplitLine = Exclude<Line, string>;

/**
 * The transcript's rows. Ink lays out and walks every node on every frame, so when every row is a
 * gutter and its text (the usual screen) they are drawn as two texts, a column of gutters and a
 * column of texts, instead of three nodes a row; otherwise (a day line, blank rows, a narrow layout)
 * row by row. The texts are wrapped to the columns beside the gutter, so no row is cut or shifted.
 */
export function PaneRows({ rows }: { readonly rows: readonly Line[] }) {
  if (rows.length > 0 && rows.every((row): row is SplitLine => typeof row !== 'string'))
    return (
      <Box>
        <Text>{rows.map((row) => row.gutter).join('\n')}</Text>
        <Text>{rows.map((row) => row.text).join('\n')}</Text>
      </Box>
    );
  return rows.map((row, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
    <PaneRow key={i} line={row} />
  ));
}

/** A row of a marked message (one jumped to), drawn in reverse. */
export function markLine(line: Line, theme: Theme): Line {
  return typeof line === 'string'
    ? theme.selected(line)
    : { gutter: theme.selected(line.gutter), text: theme.selected(line.text) };
}

/** One row: a line, or a gutter beside its text (two texts; see {@link Line}). */
function PaneRow({ line }: { readonly line: Line }) {
  if (typeof line === 'string') return <Text wrap="truncate-end">{line || ' '}</Text>;
  return (
    <Box>
      <Text wrap="truncate-end">{line.gutter}</Text>
      <Text wrap="truncate-end">{line.text}</Text>
    </Box>
  );
}
