import { Text } from 'ink';
import { displayWidth } from '../../core/wrap.js';
import { useChatState } from '../chat-context.js';
import { useUi } from '../ui-context.js';
import { lengthCounter, typingText } from './typing-text.js';

/** Props of {@link TypingLine}. */
export interface TypingLineProps {
  readonly width: number;
  /** UTF-8 bytes of the input, for the length counter. */
  readonly inputBytes: number;
}

/** The line under the messages: who is typing, and the length counter near the limit. */
export function TypingLine({ width, inputBytes }: TypingLineProps) {
  const state = useChatState();
  const { theme } = useUi();
  const target = state.targets[state.current]!;
  const counter = lengthCounter(inputBytes, state.maxTextBytes);
  const left = typingText(Object.values(target.typing), Math.max(0, width - displayWidth(counter) - 1));
  // Without a counter there is nothing to push right: no padding for Ink to style on every frame.
  if (!counter) return <Text wrap="truncate-end">{left ? theme.muted(left) : ' '}</Text>;
  const gap = ' '.repeat(Math.max(0, width - displayWidth(left) - displayWidth(counter)));
  const paintedCounter = inputBytes > state.maxTextBytes ? theme.alert(counter) : theme.muted(counter);
  return (
    <Text wrap="truncate-end">
      {theme.muted(left)}
      {gap}
      {paintedCounter}
    </Text>
  );
}
