import { settingsText } from 'aurora-protocol';
import {
  activeTarget,
  type ConnectionView,
  connectionView,
  type PageState,
  shownTargets,
} from '../core/page-state.js';
import { settingsLabel, targetTitle } from '../core/titles.js';
import { h, setText } from './dom.js';

/** The side panels that narrow screens show as drawers. */
export type Panel = 'rooms' | 'members';

/** What the top bar asks the page to do. */
export interface TopbarActions {
  toggle(panel: Panel): void;
  share(): void;
  /** Opens the search panel. */
  search(): void;
}

/** The bar above the messages: conversation name and topic, connection state, panel toggles. */
export interface Topbar {
  readonly element: HTMLElement;
  render(state: PageState, open: Panel | undefined): void;
}

const STATUS_TEXT: Record<ConnectionView, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  online: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** Creates the top bar. */
export function createTopbar(actions: TopbarActions): Topbar {
  const roomsButton = h(
    'button',
    {
      type: 'button',
      class: 'icon-button toggle-rooms',
      'aria-controls': 'sidebar',
      'aria-expanded': 'false',
    },
    h('span', { 'aria-hidden': 'true' }, '☰'),
    h('span', { class: 'visually-hidden' }, 'Rooms'),
  );
  const unreadDot = h('span', { class: 'unread-dot', hidden: true });
  roomsButton.appendChild(unreadDot);
  const title = h('h1', { class: 'title' });
  const modes = h('span', { class: 'room-modes' });
  const topic = h('p', { class: 'topic' });
  const status = h('span', { class: 'status', role: 'status', 'data-status': 'idle' });
  const share = h(
    'button',
    { type: 'button', class: 'icon-button share', title: 'Copy a link to this room' },
    'Share',
  );
  const search = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-keyshortcuts': 'Control+K' },
    'Search',
  );
  const membersButton = h('button', {
    type: 'button',
    class: 'icon-button toggle-members',
    'aria-controls': 'members',
    'aria-expanded': 'false',
  });
  roomsButton.addEventListener('click', () => actions.toggle('rooms'));
  membersButton.addEventListener('click', () => actions.toggle('members'));
  share.addEventListener('click', () => actions.share());
  search.addEventListener('click', () => actions.search());
  const element = h(
    'header',
    { class: 'topbar' },
    roomsButton,
    h('div', { class: 'heading' }, title, h('div', { class: 'about' }, modes, topic)),
    status,
    search,
    share,
    membersButton,
  );

  return {
    element,
    render(state, open) {
      const target = activeTarget(state);
      setText(title, target ? targetTitle(target) : 'Aurora');
      const isDm = target?.kind === 'dm';
      const settings = target?.kind === 'room' ? target.settings : undefined;
      setText(modes, settingsLabel(settings));
      modes.title = target && settings ? settingsText(target.label, settings) : '';
      setText(topic, isDm ? 'Direct conversation' : (target?.topic ?? ''));
      topic.title = target?.topic ?? '';
      const view = connectionView(state.chat.status);
      status.dataset.status = view;
      setText(status, STATUS_TEXT[view]);
      share.hidden = !target || isDm;
      membersButton.hidden = !target || isDm;
      setText(membersButton, `Members ${target?.memberCount ?? target?.members.length ?? 0}`);
      roomsButton.setAttribute('aria-expanded', String(open === 'rooms'));
      membersButton.setAttribute('aria-expanded', String(open === 'members'));
      unreadDot.hidden = !shownTargets(state.chat).some((t) => t.key !== state.chat.current && t.unread > 0);
    },
  };
}
