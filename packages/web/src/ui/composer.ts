import { utf8Length } from 'aurora-protocol';
import type { Refusal } from '../core/page-session.js';
import { activeTarget, type PageState } from '../core/page-state.js';
import { h, setText } from './dom.js';

/** What the composer asks the page to do. */
export interface ComposerActions {
  /**
   * A line to say or a command to run; returns an error to show, keeping the text, or undefined
   * (later, when the command waits for the part of the page that runs it).
   */
  submit(text: string): Refusal | undefined | Promise<Refusal | undefined>;
  /** The text changed (for the typing indicator). */
  input(text: string): void;
  /** PageUp / PageDown scroll the messages without leaving the composer. */
  page(direction: 1 | -1): void;
}

/** The message field: Enter sends, Shift+Enter starts a new line. */
export interface Composer {
  readonly element: HTMLElement;
  render(state: PageState): void;
  focus(): void;
  /** Puts a line in the field to finish (a message action), the cursor at its end. */
  fill(text: string): void;
}

/** Taller than this (px) the field scrolls instead of growing. */
const MAX_HEIGHT = 200;

/** Creates the composer. */
export function createComposer(actions: ComposerActions): Composer {
  const label = h('label', { for: 'composer-input', class: 'visually-hidden' }, 'Message');
  const field = h('textarea', {
    id: 'composer-input',
    name: 'message',
    rows: 1,
    autocomplete: 'off',
    spellcheck: 'true',
    enterkeyhint: 'send',
    'aria-describedby': 'composer-hint composer-error',
  });
  const send = h('button', { type: 'submit', class: 'send' }, 'Send');
  const hint = h(
    'p',
    { class: 'composer-hint', id: 'composer-hint' },
    'Enter sends, Shift+Enter adds a line, /help lists commands.',
  );
  const error = h('p', { class: 'composer-error', id: 'composer-error', role: 'alert' });
  const element = h(
    'form',
    { class: 'composer' },
    label,
    h('div', { class: 'composer-row' }, field, send),
    error,
    hint,
  );
  let maxBytes = 4096;

  const grow = () => {
    field.style.height = 'auto';
    field.style.height = `${Math.min(field.scrollHeight, MAX_HEIGHT)}px`;
  };
  const showError = (text: string) => {
    setText(error, text);
    field.setAttribute('aria-invalid', String(text !== ''));
  };
  const settle = (line: string, problem: Refusal | undefined) => {
    if (typeof problem === 'object') {
      // It carried a password: it leaves the field (and the screen), as the message says.
      if (field.value === line) field.value = '';
      showError(problem.error);
      grow();
      return;
    }
    if (problem !== undefined) {
      // A line refused later is put back for editing, unless the person has typed on meanwhile.
      if (field.value === '') field.value = line;
      showError(problem);
      return;
    }
    if (field.value === line) field.value = '';
    showError('');
    grow();
  };
  const submit = () => {
    const line = field.value;
    const result = actions.submit(line);
    if (result instanceof Promise) {
      field.value = '';
      void result.then((problem) => settle(line, problem));
    } else settle(line, result);
  };

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
    field.focus();
  });
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      actions.page(event.key === 'PageUp' ? -1 : 1);
    }
  });
  field.addEventListener('input', () => {
    grow();
    const bytes = utf8Length(field.value);
    showError(bytes > maxBytes ? `${bytes} of ${maxBytes} bytes: shorten the message to send it.` : '');
    actions.input(field.value);
  });

  return {
    element,
    render(state) {
      maxBytes = state.chat.maxTextBytes;
      const target = activeTarget(state);
      const placeholder = target
        ? target.kind === 'dm'
          ? `Message ${target.label}`
          : `Message #${target.label}`
        : 'Join a room with /join #room';
      if (field.placeholder !== placeholder) {
        field.placeholder = placeholder;
        setText(label, placeholder);
      }
    },
    focus() {
      field.focus();
    },
    fill(text) {
      field.value = text;
      grow();
      field.focus();
      field.setSelectionRange(text.length, text.length);
    },
  };
}
