import { type ChatState, COMMAND_NAMES, planMessageCommand } from 'aurora-client';
import { useRef } from 'react';
import { useChatActions, useChatState } from '../chat-context.js';
import { type KeyPress, useKeypress } from '../keys/index.js';
import type { CompletionSources } from './completion.js';
import { type InputAction, type InputState, useInputBoxState } from './use-input-box-state.js';

const CTRL_KEYS: Readonly<Record<string, InputAction>> = {
  a: { type: 'line-start' },
  e: { type: 'line-end' },
  b: { type: 'left' },
  f: { type: 'right' },
  w: { type: 'delete-word-before' },
  u: { type: 'delete-to-start' },
  k: { type: 'delete-to-end' },
};
const ALT_KEYS: Readonly<Record<string, InputAction>> = {
  b: { type: 'word-left' },
  f: { type: 'word-right' },
  d: { type: 'delete-word-after' },
};
/** The keys a password prompt understands besides typing: correcting only, no history or completion. */
const SECRET_KEYS: Readonly<Partial<Record<KeyPress['name'], InputAction>>> = {
  backspace: { type: 'backspace' },
  delete: { type: 'delete' },
  left: { type: 'left' },
  right: { type: 'right' },
  home: { type: 'line-start' },
  end: { type: 'line-end' },
};
const EDITS = new Set<InputAction['type']>([
  'insert',
  'backspace',
  'delete',
  'delete-word-before',
  'delete-word-after',
  'delete-to-start',
  'delete-to-end',
  'clear',
]);

/**
 * The input's key bindings: editing, history, completion, Enter to send (Alt+Enter, Ctrl+J and
 * pasted line breaks make new lines), Ctrl+C to clear or quit. While the chat asks for a password the
 * input takes it instead: Enter hands it over and clears it, Esc or Ctrl+C cancels, and it never
 * reaches the history or the typing indicator. Returns the input state for the view.
 */
export function useInputBox(active = true): InputState {
  const [state, apply, current] = useInputBoxState();
  const chat = useChatState();
  const actions = useChatActions();
  const pasting = useRef(false);

  const target = chat.targets[chat.current]!;
  const sources: CompletionSources = {
    commands: COMMAND_NAMES,
    nicks: target.kind === 'dm' ? [target.label] : target.members.map((m) => m.nick),
    me: chat.me,
  };
  const edit = (action: InputAction) => {
    const after = apply(action);
    if (EDITS.has(action.type)) actions.typing(after.value.trim() !== '' && !after.value.startsWith('/'));
  };

  const onSecretKey = (key: KeyPress) => {
    const { name, ctrl, text } = key;
    if (name === 'enter') {
      const secret = current().value;
      apply({ type: 'clear' });
      actions.password(secret);
    } else if (name === 'escape' || (name === 'char' && ctrl && (text === 'c' || text === 'd'))) {
      apply({ type: 'clear' });
      actions.cancelPassword();
    } else {
      const bound = name === 'char' && ctrl ? CTRL_KEYS[text] : SECRET_KEYS[name];
      if (bound && bound.type !== 'delete-word-before') apply(bound);
    }
  };

  const onKey = (key: KeyPress) => {
    if (chat.prompt) return onSecretKey(key);
    const { name, ctrl, alt, shift } = key;
    if (name === 'enter' && (alt || pasting.current)) return edit({ type: 'insert', text: '\n' });
    if (name === 'newline') return edit({ type: 'insert', text: '\n' });
    if (name === 'enter') {
      const submitted = actions.submit(current().value);
      if (submitted !== 'keep') apply({ type: submitted === 'done' ? 'submitted' : 'clear' });
      return;
    }
    if (name === 'tab') return apply({ type: 'complete', sources, reverse: shift });
    if (name === 'backspace') return edit({ type: alt || ctrl ? 'delete-word-before' : 'backspace' });
    if (name === 'delete') return edit({ type: 'delete' });
    if (name === 'left' && !ctrl) return apply({ type: alt ? 'word-left' : 'left' });
    if (name === 'right' && !ctrl) return apply({ type: alt ? 'word-right' : 'right' });
    if (name === 'home') return apply({ type: 'line-start' });
    if (name === 'end') return apply({ type: 'line-end' });
    if (name === 'up' && !shift && !ctrl && !alt && current().value === '') {
      // As in Slack and Discord: Up in an empty input edits your last message here.
      const last = lastOwnMessage(chat);
      if (last !== undefined) return edit({ type: 'insert', text: `/edit ${last.seq} ${last.text}` });
    }
    if ((name === 'up' || name === 'down') && !shift && !ctrl && !alt) return apply({ type: name });
    if (name !== 'char') return;
    if (ctrl && (key.text === 'c' || key.text === 'd')) {
      const empty = current().value === '';
      if (empty) return actions.quit();
      return edit({ type: key.text === 'c' ? 'clear' : 'delete' });
    }
    const bound = ctrl ? CTRL_KEYS[key.text] : alt ? ALT_KEYS[key.text] : undefined;
    if (bound) edit(bound);
  };

  useKeypress((event) => {
    switch (event.type) {
      case 'paste-start':
        pasting.current = true;
        return;
      case 'paste-end':
        pasting.current = false;
        return;
      case 'text':
      case 'paste':
        if (chat.prompt) apply({ type: 'insert', text: event.text.replace(/[\r\n]/g, '') });
        else edit({ type: 'insert', text: event.text });
        return;
      case 'key':
        return onKey(event.key);
    }
  }, active);
  return state;
}

/** Your last message (not deleted) in the current window, to edit with Up; undefined when none. */
function lastOwnMessage(chat: ChatState): { seq: number; text: string } | undefined {
  const plan = planMessageCommand(chat, { type: 'edit', text: ' ' });
  if (plan.kind !== 'change') return undefined;
  for (const item of chat.targets[chat.current]?.items ?? [])
    if (item.kind === 'message' && item.message.seq === plan.seq)
      return { seq: plan.seq, text: item.message.text };
  return undefined;
}
