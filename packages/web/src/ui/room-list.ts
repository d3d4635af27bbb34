import { isMuted } from 'aurora-protocol';
import type { ChatState, TargetKey, TargetState } from '../core/chat-state.js';
import { targetTitle, unreadBadge } from '../core/titles.js';
import { h, setText, syncChildren } from './dom.js';
import { nickLabel } from './message-item.js';

/** What the room list asks the page to do. */
export interface RoomListActions {
  open(target: TargetKey): void;
  close(target: TargetKey): void;
  join(room: string): void;
  /** Opens or closes the notification menu of a room or conversation (`name`) under its button. */
  menu(target: TargetKey, anchor: HTMLElement, name: string): void;
  /** Ends the log-in on the server (accounts only). */
  logout(): void;
}

/** The sidebar: rooms and direct conversations with unread counts, and a field to join a room. */
export interface RoomList {
  readonly element: HTMLElement;
  render(state: ChatState, now: number): void;
}

/** Creates the sidebar. */
export function createRoomList(actions: RoomListActions): RoomList {
  const rooms = h('ul', { class: 'targets', 'aria-labelledby': 'rooms-heading' });
  const dms = h('ul', { class: 'targets', 'aria-labelledby': 'dms-heading' });
  const dmHeading = h('h2', { id: 'dms-heading' }, 'Direct messages');
  const input = h('input', {
    id: 'join-room-input',
    name: 'room',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'room name',
  });
  const form = h(
    'form',
    { class: 'join-room' },
    h('label', { for: 'join-room-input' }, 'Join a room'),
    h('div', { class: 'inline-field' }, input, h('button', { type: 'submit' }, 'Join')),
  );
  const me = h('p', {});
  const logout = h('button', { type: 'button', class: 'link-button' }, 'Log out');
  logout.addEventListener('click', () => actions.logout());
  const meRow = h('div', { class: 'me me-row' }, me, logout);
  const element = h(
    'nav',
    { class: 'sidebar', id: 'sidebar', 'aria-label': 'Conversations' },
    h('h2', { id: 'rooms-heading' }, 'Rooms'),
    rooms,
    dmHeading,
    dms,
    form,
    meRow,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim() === '') return;
    actions.join(input.value.trim());
    input.value = '';
  });
  const roomCache = new Map<string, HTMLLIElement>();
  const dmCache = new Map<string, HTMLLIElement>();
  let shown: ChatState | undefined;

  function item(target: TargetState): HTMLLIElement {
    const label = target.isDm
      ? nickLabel(target.name, 'target-name')
      : h('span', { class: 'target-name' }, `#${target.name}`);
    const badge = h('span', { class: 'badge', hidden: true });
    const muted = h('span', { class: 'muted-mark', hidden: true }, 'muted');
    const button = h(
      'button',
      { type: 'button', class: 'target', 'data-target': target.key },
      label,
      muted,
      badge,
    );
    button.addEventListener('click', () => actions.open(target.key));
    const title = targetTitle(target);
    const menu = h(
      'button',
      {
        type: 'button',
        class: 'menu-button',
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
        'aria-label': `Notifications for ${title}`,
        title: 'Notifications',
      },
      '⋯',
    );
    menu.addEventListener('click', () => actions.menu(target.key, menu, title));
    const li = h('li', {}, button, menu);
    if (target.isDm) {
      const close = h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': `Close the conversation with ${target.name}`,
          title: 'Close',
        },
        '×',
      );
      close.addEventListener('click', () => actions.close(target.key));
      li.appendChild(close);
    }
    return li;
  }

  function update(li: HTMLLIElement, target: TargetState, active: boolean, muted: boolean): void {
    const button = li.querySelector('button.target')!;
    const badge = li.querySelector<HTMLElement>('.badge')!;
    li.querySelector<HTMLElement>('.muted-mark')!.hidden = !muted;
    if (active) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
    button.classList.toggle('unread', target.unread > 0);
    button.classList.toggle('mentioned', target.mentions > 0);
    const text = unreadBadge(target);
    badge.hidden = text === '';
    setText(badge, text);
    const name = target.isDm ? `conversation with ${target.name}` : `#${target.name}`;
    const mentioned = target.mentions > 0 ? `, ${target.mentions} mentioning you` : '';
    button.setAttribute(
      'aria-label',
      `${name}${muted ? ', muted' : ''}${target.unread > 0 ? `, ${target.unread} unread${mentioned}` : ''}`,
    );
  }

  function sync(
    list: HTMLElement,
    cache: Map<string, HTMLLIElement>,
    state: ChatState,
    dm: boolean,
    now: number,
  ): void {
    const targets = state.order
      .map((key) => state.targets.get(key))
      .filter((t): t is TargetState => t?.isDm === dm);
    syncChildren(
      list,
      targets.map((t) => t.key),
      cache,
      (key) => item(state.targets.get(key)!),
    );
    for (const target of targets)
      update(
        cache.get(target.key)!,
        target,
        target.key === state.active,
        isMuted(state.prefs, target.key, now),
      );
  }

  return {
    element,
    render(state, now) {
      if (
        shown &&
        shown.prefs === state.prefs &&
        shown.targets === state.targets &&
        shown.order === state.order &&
        shown.active === state.active &&
        shown.me === state.me &&
        shown.account === state.account
      )
        return;
      shown = state;
      sync(rooms, roomCache, state, false, now);
      sync(dms, dmCache, state, true, now);
      const hasDms = dmCache.size > 0;
      dmHeading.hidden = !hasDms;
      dms.hidden = !hasDms;
      me.replaceChildren('You are ', state.me ? nickLabel(state.me) : '…', state.account ? '' : ' (guest)');
      logout.hidden = state.account === undefined;
    },
  };
}
