import { Box, Text, useCursor } from 'ink';
import { displayWidth } from '../../core/wrap.js';
import { useUi } from '../ui-context.js';
import { type InputLayout, layoutInput, maskInput } from './input-layout.js';
import type { InputState } from './use-input-box-state.js';

/** The most rows the input grows to; longer text scrolls with the cursor. */
export const MAX_INPUT_ROWS = 5;

/** Props of {@link InputBox}. */
export interface InputBoxProps {
  /** What {@link inputBoxLayout} made of the input. */
  readonly layout: InputLayout;
  /** `#dev › ` */
  readonly prompt: string;
  readonly width: number;
  /** The screen row the input starts on, to put the terminal cursor (and an IME's text) in it. */
  readonly top: number;
}

/**
 * The rows the input shows at this width: its text, or a bullet per character of a password. The
 * screen lays it out once and sizes itself by the row count.
 */
export function inputBoxLayout(
  state: InputState,
  prompt: string,
  width: number,
  masked = false,
): InputLayout {
  const { value, cursor } = masked ? maskInput(state.value, state.cursor) : state;
  return layoutInput(value, cursor, width - displayWidth(prompt), MAX_INPUT_ROWS);
}

/**
 * The input line: prompt, then the text wrapped under itself. The terminal's own cursor marks the
 * editing position, so input methods (CJK) compose in place.
 */
export function InputBox({ layout, prompt, width, top }: InputBoxProps) {
  const { theme } = useUi();
  const { setCursorPosition } = useCursor();
  const promptWidth = displayWidth(prompt);
  setCursorPosition({ x: promptWidth + layout.cursorX, y: top + layout.cursorRow });
  return (
    <Box flexDirection="column" width={width} flexShrink={0}>
      {layout.rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions on screen, not items
        <Text key={i} wrap="truncate-end">
          {i === 0 ? theme.heading(prompt) : ' '.repeat(promptWidth)}
          {row}
        </Text>
      ))}
    </Box>
  );
}
