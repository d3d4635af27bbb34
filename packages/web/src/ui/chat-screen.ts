import type { TimeFormat } from 'aurora-client';
import { activeTarget, type PageState } from '../core/page-state.js';
import { type Composer, type ComposerActions, createComposer } from './composer.js';
import { h } from './dom.js';
import { createMemberList } from './member-list.js';
import type { PendingActions } from './message-item.js';
import { createMessageList, type MessageList } from './message-list.js';
import { createRoomList, type RoomListActions } from './room-list.js';
import { createStatusBanner } from './status-banner.js';
import { createTopbar, type Panel } from './topbar.js';
import { createTypingLine } from './typing-line.js';

/** Everything the chat screen asks the page to do. */
export interface ChatScreenActions extends RoomListActions, PendingActions {
  readonly composer: Omit<ComposerActions, 'page'>;
  message(nick: string): void;
  loadOlder(target: string): void;
  reconnect(): void;
  share(): void;
  search(): void;
}

/** The chat: sidebar, conversation (top bar, messages, typing line, composer) and member list. */
export interface ChatScreen {
  readonly element: HTMLElement;
  readonly messages: MessageList;
  readonly composer: Composer;
  /** The conversation column, which the search panel covers while it is open. */
  readonly conversation: HTMLElement;
  /** The room list, whose foot holds the desktop notifications switch. */
  readonly sidebar: HTMLElement;
  /** Above the conversation: where "while you were away" shows. */
  readonly digest: HTMLElement;
  render(state: PageState, now: number): void;
  /** Closes a drawer on narrow screens (after choosing a conversation). */
  closePanels(): void;
}

/** Creates the chat screen. */
export function createChatScreen(actions: ChatScreenActions, time: TimeFormat): ChatScreen {
  let open: Panel | undefined;
  let last: { state: PageState; now: number } | undefined;
  const rerender = () => last && screen.render(last.state, last.now);
  const setPanel = (panel: Panel | undefined) => {
    open = panel;
    element.dataset.panel = panel ?? '';
    rerender();
  };
  const roomList = createRoomList({
    open: (key) => {
      setPanel(undefined);
      actions.open(key);
    },
    close: actions.close,
    menu: actions.menu,
    join: (room) => {
      setPanel(undefined);
      actions.join(room);
    },
    logout: actions.logout,
  });
  const memberList = createMemberList((nick) => {
    setPanel(undefined);
    actions.message(nick);
  });
  const topbar = createTopbar({
    toggle: (panel) => setPanel(open === panel ? undefined : panel),
    share: actions.share,
    search: actions.search,
  });
  const banner = createStatusBanner(actions.reconnect);
  /** Where "while you were away" shows (the digest chunk fills it). */
  const digest = h('section', { class: 'digest', 'aria-label': 'While you were away', hidden: true });
  const act = (line: string, run: boolean) => {
    if (!run) return composer.fill(line);
    void Promise.resolve(actions.composer.submit(line)).then((problem) => {
      if (typeof problem === 'string') composer.fill(line);
    });
  };
  const messages = createMessageList({
    time,
    loadOlder: actions.loadOlder,
    pendingActions: actions,
    act,
    me: () => last?.state.chat.me ?? '',
  });
  const typing = createTypingLine();
  const composer = createComposer({ ...actions.composer, page: (direction) => messages.page(direction) });
  const scrim = h('div', { class: 'scrim', 'aria-hidden': 'true' });
  scrim.addEventListener('click', () => setPanel(undefined));
  const conversation = h(
    'main',
    { class: 'conversation' },
    topbar.element,
    banner.element,
    digest,
    messages.element,
    typing.element,
    composer.element,
  );
  const element = h(
    'div',
    { class: 'chat', hidden: true },
    roomList.element,
    conversation,
    memberList.element,
    scrim,
  );
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) {
      setPanel(undefined);
      composer.focus();
    }
  });

  const screen: ChatScreen = {
    element,
    messages,
    composer,
    conversation,
    sidebar: roomList.element,
    digest,
    render(state, now) {
      last = { state, now };
      element.hidden = state.screen !== 'chat';
      if (state.screen !== 'chat') return;
      const target = activeTarget(state);
      const { chat } = state;
      // The home view (before the first room, after the last) shows the engine's notices there.
      const shown = chat.targets[chat.current];
      roomList.render(chat, now);
      memberList.render(target, chat.me);
      topbar.render(state, open);
      banner.render(chat, now);
      messages.render({
        target: shown,
        prefs: chat.prefs,
        cleared: shown !== undefined && state.cleared.has(shown.key),
        now,
      });
      typing.render(target, now);
      composer.render(state);
    },
    closePanels: () => setPanel(undefined),
  };
  return screen;
}
