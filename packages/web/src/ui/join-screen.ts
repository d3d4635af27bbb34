import { checkNick, checkRoom, LIMITS } from 'aurora-protocol';
import type { JoinAttempt } from '../core/join-errors.js';
import type { JoinFailure, PageState } from '../core/page-state.js';
import { h, setText } from './dom.js';

/** What the join screen hands to the page: checked values, and the password only when one is needed. */
export interface JoinRequest {
  readonly attempt: JoinAttempt;
  readonly nick: string;
  readonly room: string;
  readonly password?: string;
}

/** What the join screen asks the page to do. */
export interface JoinScreenActions {
  join(request: JoinRequest): void;
  /** Forget the log-in stored in this browser, to join under another name. */
  forgetSession(): void;
  /** The sentence that says why joining failed and what to do next. */
  explain(failure: JoinFailure): Promise<string>;
}

/** The first screen: as a guest, logging in or signing up; a name, a room, and why joining failed. */
export interface JoinScreen {
  readonly element: HTMLElement;
  render(state: PageState): void;
  /** Shows problems with the page's link (`?room=...&name=...`). */
  explainLink(problems: readonly string[]): void;
  focus(): void;
}

type Mode = 'guest' | 'login' | 'signup';
const SUBMIT: Record<Mode, string> = {
  guest: 'Join',
  login: 'Log in and join',
  signup: 'Create account and join',
};

/** Creates the join screen. */
export function createJoinScreen(actions: JoinScreenActions): JoinScreen {
  const name = field('join-name', 'Your name', {
    name: 'name',
    autocomplete: 'username',
    spellcheck: 'false',
    autocapitalize: 'off',
  });
  const password = field('join-password', 'Password', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const room = field(
    'join-room',
    'Room',
    { name: 'room', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off' },
    '#',
  );
  const modes = h('div', { class: 'modes', role: 'radiogroup', 'aria-label': 'How to join' });
  for (const mode of ['guest', 'login', 'signup'] as const) {
    const input = h('input', { type: 'radio', name: 'mode', value: mode, checked: mode === 'guest' });
    modes.appendChild(
      h('label', { class: 'mode' }, input, { guest: 'Guest', login: 'Log in', signup: 'Sign up' }[mode]),
    );
    input.addEventListener('change', () => setMode(mode));
  }
  const signedIn = h('p', { class: 'signed-in' });
  const forget = h('button', { type: 'button', class: 'link-button' }, 'Use another name');
  forget.addEventListener('click', () => actions.forgetSession());
  const formError = h('p', { class: 'form-error', id: 'join-error', role: 'alert' });
  const linkNote = h('p', { class: 'form-error link-note', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Join');
  const tagline = h('p', { class: 'tagline' });
  const form = h(
    'form',
    { class: 'join-card', novalidate: true, 'aria-labelledby': 'join-title' },
    h('h1', { id: 'join-title' }, 'Aurora'),
    tagline,
    linkNote,
    modes,
    h('div', { class: 'signed-in-row' }, signedIn, forget),
    name.node,
    password.node,
    room.node,
    formError,
    button,
  );
  const element = h('main', { class: 'join-screen' }, form);
  let mode: Mode = 'guest';
  let session: PageState['session'];
  let shownFailure: PageState['joinError'];
  let busy = false;
  let shownScreen: PageState['screen'] | undefined;

  function setMode(next: Mode): void {
    mode = next;
    password.input.setAttribute('autocomplete', mode === 'signup' ? 'new-password' : 'current-password');
    layout();
  }

  function layout(): void {
    const withSession = session !== undefined;
    modes.hidden = withSession;
    signedIn.parentElement!.hidden = !withSession;
    name.node.hidden = withSession;
    password.node.hidden = withSession || mode === 'guest';
    if (session) setText(signedIn, `You are logged in as ${session.account}.`);
    setText(
      tagline,
      withSession
        ? 'Pick a room to continue.'
        : mode === 'guest'
          ? 'Pick a name and a room to start chatting. No account needed.'
          : mode === 'login'
            ? 'Log in to use your registered name on every device.'
            : `Register your name with a password of at least ${LIMITS.minPasswordLength} characters.`,
    );
    setText(button, busy ? 'Joining…' : withSession ? 'Join' : SUBMIT[mode]);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const checkedRoom = checkRoom(room.input.value.trim());
    room.setError(checkedRoom.ok ? '' : checkedRoom.problem.message);
    setText(formError, '');
    if (session) {
      if (checkedRoom.ok) actions.join({ attempt: 'session', nick: session.account, room: checkedRoom.name });
      else room.input.focus();
      return;
    }
    const nick = checkNick(name.input.value.trim());
    name.setError(nick.ok ? '' : nick.problem.message);
    const secret = password.input.value;
    const passwordProblem =
      mode === 'guest'
        ? ''
        : mode === 'signup' && [...secret].length < LIMITS.minPasswordLength
          ? `A password needs at least ${LIMITS.minPasswordLength} characters.`
          : secret === ''
            ? 'Enter your password.'
            : '';
    password.setError(passwordProblem);
    const firstBad = [!nick.ok && name, passwordProblem && password, !checkedRoom.ok && room].find(Boolean);
    if (firstBad) return firstBad.input.focus();
    if (!nick.ok || !checkedRoom.ok) return;
    actions.join({
      attempt: mode,
      nick: nick.name,
      room: checkedRoom.name,
      ...(mode === 'guest' ? {} : { password: secret }),
    });
    password.input.value = '';
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
      busy = state.joining;
      button.disabled = busy;
      if (session !== state.session) {
        session = state.session;
        if (!session && name.input.value === '') name.input.value = state.wanted.nick;
      }
      layout();
      const failure = state.joinError;
      if (failure !== shownFailure) {
        shownFailure = failure;
        const said = (error: string) => {
          if (shownFailure !== failure || formError.textContent === error) return;
          setText(formError, error);
          if (error && state.screen === 'join') (session ? room.input : name.input).focus();
        };
        if (typeof failure === 'object') void actions.explain(failure).then(said);
        else said(failure ?? '');
      }
    },
    explainLink(problems) {
      setText(linkNote, problems.join(' '));
    },
    focus() {
      const empty = [session ? undefined : name.input, room.input].find((input) => input?.value === '');
      (empty ?? button).focus();
    },
  };
}

/** A labelled input with its error line. */
function field(id: string, label: string, attributes: Record<string, string>, prefix?: string) {
  const input = h('input', { ...attributes, id, 'aria-describedby': `${id}-error` });
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const box = prefix
    ? h('div', { class: 'prefixed' }, h('span', { 'aria-hidden': 'true' }, prefix), input)
    : input;
  return {
    input,
    node: h('div', { class: 'field' }, h('label', { for: id }, label), box, error),
    setError(message: string) {
      setText(error, message);
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}
