import { Box, Text, useCursor } from 'ink';
import { displayWidth } from '../../core/wrap.js';
import { useUi } from '../ui-context.js';
import { layoutInput, maskInput } from './input-layout.js';
import type { InputState } from './use-input-box-state.js';

/** The most rows the input grows to; longer text scrolls with the cursor. */
export const MAX_INPUT_ROWS = 5;

/** Props of {@link InputBox}. */
export interface InputBoxProps {
  readonly state: InputState;
  /** `#dev › ` */
  readonly prompt: string;
  readonly width: number;
  /** The screen row the input starts on, to put the terminal cursor (and an IME's text) in it. */
  readonly top: number;
  /** A password is being typed: show a bullet per character, never the characters. */
  readonly masked?: boolean;
}

/** What the input shows: the text, or bullets for a password. */
function shownText(state: InputState, masked: boolean): { value: string; cursor: number } {
  return masked ? maskInput(state.value, state.cursor) : state;
}

/** How many rows the input takes for its text at this width. */
export function inputRows(state: InputState, prompt: string, width: number, masked = false): number {
  const { value, cursor } = shownText(state, masked);
  const layout = layoutInput(value, cursor, width - displayWidth(prompt));
  return Math.min(MAX_INPUT_ROWS, layout.rows.length);
}

/**
 * The input line: prompt, then the text wrapped under itself. The terminal's own cursor marks the
 * editing position, so input methods (CJK) compose in place.
 */
export function InputBox({ state, prompt, width, top, masked = false }: InputBoxProps) {
  const { theme } = useUi();
  const { setCursorPosition } = useCursor();
  const promptWidth = displayWidth(prompt);
  const { value, cursor } = shownText(state, masked);
  const layout = layoutInput(value, cursor, width - promptWidth);
  const first = Math.max(
    0,
    Math.min(layout.cursorRow - MAX_INPUT_ROWS + 1, layout.rows.length - MAX_INPUT_ROWS),
  );
  const shown = layout.rows.slice(first, first + MAX_INPUT_ROWS);
  const cursorRow = layout.rows[layout.cursorRow] ?? [];
  setCursorPosition({
    x: promptWidth + displayWidth(cursorRow.slice(0, layout.cursorColumn).join('')),
    y: top + layout.cursorRow - first,
  });
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {shown.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
        <Text key={first + i} wrap="truncate-end">
          {i === 0 ? theme.heading(prompt) : ' '.repeat(promptWidth)}
          {row.join('')}
        </Text>
      ))}
    </Box>
  );
}
