import { useChatActions } from './chat-context.js';
import { useKeypress } from './keys/index.js';

/** Window keys: Ctrl+Left/Right and Alt+1..9 switch rooms, F2 or Alt+P toggles the side panel. */
export function useAppKeys(togglePanel: () => void, active = true): void {
  const actions = useChatActions();
  useKeypress((event) => {
    if (event.type !== 'key') return;
    const { name, ctrl, alt, text } = event.key;
    if ((name === 'left' || name === 'right') && ctrl) actions.selectRelative(name === 'left' ? -1 : 1);
    else if (name === 'char' && alt && /^[1-9]$/.test(text)) actions.selectIndex(Number(text));
    else if (name === 'f2' || (name === 'char' && alt && text === 'p')) togglePanel();
  }, active);
}
