import { Text } from 'ink';
import { useChatState } from '../chat-context.js';
import { useUi } from '../ui-context.js';
import { useNow } from '../use-now.js';
import { statusText } from './status-text.js';

/** Props of {@link StatusLine}. */
export interface StatusLineProps {
  readonly width: number;
  /** Show unread rooms and conversations (when the side panel, which shows them, is hidden). */
  readonly activity: boolean;
}

/** The top line: server, connection state, current room and topic, and who you are. */
export function StatusLine({ width, activity }: StatusLineProps) {
  const state = useChatState();
  const { theme, server } = useUi();
  const now = useNow(state.status.state === 'reconnecting');
  return <Text wrap="truncate-end">{theme.bar(statusText(state, server, now, width, activity))}</Text>;
}
