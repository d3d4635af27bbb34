import { checkNick, checkRoom } from 'aurora-protocol';
import type { ChatState } from '../core/chat-state.js';
import { h, setText } from './dom.js';

/** The first screen: a name and a room, and why joining failed when it did. */
export interface JoinScreen {
  readonly element: HTMLElement;
  render(state: ChatState): void;
  /** Shows problems with the page's link (`?room=...&name=...`). */
  explainLink(problems: readonly string[]): void;
  focus(): void;
}

/** Creates the join screen; `join` receives a valid name and the canonical room. */
export function createJoinScreen(join: (nick: string, room: string) => void): JoinScreen {
  const field = (id: string, labelText: string, input: HTMLInputElement, prefix?: string) => {
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    input.id = id;
    input.setAttribute('aria-describedby', `${id}-error`);
    const box = prefix
      ? h('div', { class: 'prefixed' }, h('span', { 'aria-hidden': 'true' }, prefix), input)
      : input;
    return {
      error,
      input,
      node: h('div', { class: 'field' }, h('label', { for: id }, labelText), box, error),
    };
  };
  const name = field(
    'join-name',
    'Your name',
    h('input', {
      name: 'name',
      autocomplete: 'nickname',
      spellcheck: 'false',
      autocapitalize: 'off',
      required: true,
    }),
  );
  const room = field(
    'join-room',
    'Room',
    h('input', {
      name: 'room',
      autocomplete: 'off',
      spellcheck: 'false',
      autocapitalize: 'off',
      required: true,
    }),
    '#',
  );
  const formError = h('p', { class: 'form-error', id: 'join-error', role: 'alert' });
  const linkNote = h('p', { class: 'form-error link-note', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Join');
  const form = h(
    'form',
    { class: 'join-card', novalidate: true, 'aria-labelledby': 'join-title' },
    h('h1', { id: 'join-title' }, 'Aurora'),
    h('p', { class: 'tagline' }, 'Pick a name and a room to start chatting. No account needed.'),
    linkNote,
    name.node,
    room.node,
    formError,
    button,
  );
  const element = h('main', { class: 'join-screen' }, form);
  let busy = false;
  let shownScreen: ChatState['screen'] | undefined;

  const setFieldError = (f: typeof name, message: string) => {
    setText(f.error, message);
    if (message) f.input.setAttribute('aria-invalid', 'true');
    else f.input.removeAttribute('aria-invalid');
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const nick = checkNick(name.input.value.trim());
    const canonicalRoom = checkRoom(room.input.value.trim());
    setFieldError(name, nick.ok ? '' : nick.problem.message);
    setFieldError(room, canonicalRoom.ok ? '' : canonicalRoom.problem.message);
    setText(formError, '');
    if (!nick.ok) return name.input.focus();
    if (!canonicalRoom.ok) return room.input.focus();
    join(nick.name, canonicalRoom.name);
  });

  return {
    element,
    render(state) {
      element.hidden = state.screen !== 'join';
      if (state.screen === 'join' && shownScreen !== 'join') {
        name.input.value = state.wanted.nick;
        room.input.value = state.wanted.rooms[0] ?? room.input.value;
      }
      shownScreen = state.screen;
      busy = state.connection.status === 'connecting';
      button.disabled = busy;
      setText(button, busy ? 'Joining…' : 'Join');
      const error = state.joinError ?? '';
      if (formError.textContent !== error) {
        setText(formError, error);
        if (error) name.input.focus();
      }
    },
    explainLink(problems) {
      setText(linkNote, problems.join(' '));
    },
    focus() {
      const empty = [name.input, room.input].find((input) => input.value === '');
      (empty ?? button).focus();
    },
  };
}
