import { type RefObject, useRef } from 'react';
import type { TerminalFocus } from '../core/notify/index.js';
import { useKeypress } from './keys/index.js';

/**
 * Whether the terminal has focus, from the focus reports it sends once run-chat turned focus
 * reporting on (`CSI ? 1004 h`): `unknown` until the first report (a terminal, or a tmux without
 * `focus-events on`, may never send one). A ref, not state: a change of focus redraws nothing.
 */
export function useTerminalFocus(): RefObject<TerminalFocus> {
  const focus = useRef<TerminalFocus>('unknown');
  useKeypress((event) => {
    if (event.type === 'focus') focus.current = event.focused ? 'focused' : 'unfocused';
  });
  return focus;
}
