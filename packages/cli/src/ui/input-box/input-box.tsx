import { Box, Text } from 'ink';
import { displayWidth } from '../../core/wrap.js';
import { useUi } from '../ui-context.js';
import { layoutInput } from './input-layout.js';
import type { InputState } from './use-input-box-state.js';

/** The most rows the input grows to; longer text scrolls with the cursor. */
export const MAX_INPUT_ROWS = 5;

/** Props of {@link InputBox}. */
export interface InputBoxProps {
  readonly state: InputState;
  /** `#dev › ` */
  readonly prompt: string;
  readonly width: number;
}

/** How many rows the input takes for its text at this width. */
export function inputRows(state: InputState, prompt: string, width: number): number {
  const layout = layoutInput(state.value, state.cursor, width - displayWidth(prompt));
  return Math.min(MAX_INPUT_ROWS, layout.rows.length);
}

/** The input line: prompt, text wrapped under itself, the cursor as a reverse-video cell. */
export function InputBox({ state, prompt, width }: InputBoxProps) {
  const { theme } = useUi();
  const promptWidth = displayWidth(prompt);
  const layout = layoutInput(state.value, state.cursor, width - promptWidth);
  const first = Math.max(
    0,
    Math.min(layout.cursorRow - MAX_INPUT_ROWS + 1, layout.rows.length - MAX_INPUT_ROWS),
  );
  const shown = layout.rows.slice(first, first + MAX_INPUT_ROWS);
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {shown.map((row, i) => {
        const rowIndex = first + i;
        const lead = i === 0 ? theme.heading(prompt) : ' '.repeat(promptWidth);
        if (rowIndex !== layout.cursorRow)
          return (
            <Text key={rowIndex} wrap="truncate-end">
              {lead}
              {row.join('')}
            </Text>
          );
        const at = layout.cursorColumn;
        return (
          <Text key={rowIndex} wrap="truncate-end">
            {lead}
            {row.slice(0, at).join('')}
            {theme.cursor(row[at] ?? ' ')}
            {row.slice(at + 1).join('')}
          </Text>
        );
      })}
    </Box>
  );
}
