import { useChatActions } from './chat-context.js';
import { useKeypress } from './keys/index.js';

/**
 * Window keys: Ctrl+Left/Right and Alt+1..9 switch rooms, F2 or Alt+P toggles the side panel, Alt+N
 * shows message numbers in place of times (to name a message in /edit, /delete, /react, /reply).
 */
export function useAppKeys(
  togglePanel: () => void,
  active = true,
  toggleNumbers: () => void = () => {},
): void {
  const actions = useChatActions();
  useKeypress((event) => {
    if (event.type !== 'key') return;
    const { name, ctrl, alt, text } = event.key;
    if ((name === 'left' || name === 'right') && ctrl) actions.selectRelative(name === 'left' ? -1 : 1);
    else if (name === 'char' && alt && /^[1-9]$/.test(text)) actions.selectIndex(Number(text));
    else if (name === 'f2' || (name === 'char' && alt && text === 'p')) togglePanel();
    else if (name === 'char' && alt && text === 'n') toggleNumbers();
  }, active);
}
