import type { ChatState, TargetState } from 'aurora-client';
import { isMuted } from 'aurora-protocol';
import { shownTargets } from '../core/page-state.js';
import { targetTitle, unreadBadge } from '../core/titles.js';
import { h, setText, syncChildren } from './dom.js';
import { nickLabel } from './message-item.js';

/** What the room list asks the page to do. */
export interface RoomListActions {
  open(target: string): void;
  close(target: string): void;
  join(room: string): void;
  /** Opens or closes the notification menu of a room or conversation (`name`) under its button. */
  menu(target: string, anchor: HTMLElement, name: string): void;
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
  let shownMuted = '';

  function item(target: TargetState): HTMLLIElement {
    const isDm = target.kind === 'dm';
    const label = isDm
      ? nickLabel(target.label, 'target-name')
      : h('span', { class: 'target-name' }, `#${target.label}`);
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
    if (isDm) {
      const close = h(
        'button',
        {
          type: 'button',
          class: 'close',
          'aria-label': `Close the conversation with ${target.label}`,
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
    const name = target.kind === 'dm' ? `conversation with ${target.label}` : `#${target.label}`;
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
    const targets = shownTargets(state).filter((t) => (t.kind === 'dm') === dm);
    syncChildren(
      list,
      targets.map((t) => t.key),
      cache,
      (key) => item(state.targets[key]!),
    );
    for (const target of targets)
      update(
        cache.get(target.key)!,
        target,
        target.key === state.current,
        isMuted(state.prefs, target.key, now),
      );
  }

  return {
    element,
    render(state, now) {
      // A mute that ends changes no state: the list is drawn again when what is muted changes.
      const muted = state.order.filter((key) => isMuted(state.prefs, key, now)).join('\n');
      if (
        shown &&
        shownMuted === muted &&
        shown.prefs === state.prefs &&
        shown.targets === state.targets &&
        shown.order === state.order &&
        shown.current === state.current &&
        shown.me === state.me &&
        shown.account === state.account
      )
        return;
      shown = state;
      shownMuted = muted;
      sync(rooms, roomCache, state, false, now);
      sync(dms, dmCache, state, true, now);
      const hasDms = dmCache.size > 0;
      dmHeading.hidden = !hasDms;
      dms.hidden = !hasDms;
      me.replaceChildren('You are ', nickLabel(state.me), state.account ? '' : ' (guest)');
      logout.hidden = state.account === undefined;
    },
  };
}
