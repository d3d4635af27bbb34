import { Text } from 'ink';
import { useChatState } from '../chat-context.js';
import { useUi } from '../ui-context.js';
import { useNow } from '../use-now.js';
import { statusText } from './status-text.js';

/** The top line: server, connection state, current room and topic, and who you are. */
export function StatusLine({ width }: { readonly width: number }) {
  const state = useChatState();
  const { theme, server } = useUi();
  const now = useNow(state.status.state === 'reconnecting');
  return <Text wrap="truncate-end">{theme.bar(statusText(state, server, now, width))}</Text>;
}
