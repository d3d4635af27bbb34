import { type Clock, createTimeFormat, type Digest, type SocketFactory } from 'aurora-client';
import type { NotifyPrefs } from 'aurora-protocol';
import type { Attention } from './attention/index.js';
import { adjacentTarget } from './core/navigation.js';
import { type CommandsPart, createPageSession } from './core/page-session.js';
import { activeTarget, initialPage, pageReducer, type StoredSession } from './core/page-state.js';
import { createSeenMarker } from './core/seen-marker.js';
import { createStore } from './core/store.js';
import { announcement, pageTitle } from './core/titles.js';
import { createTypingInput } from './core/typing-input.js';
import { type JoinLink, roomLink } from './core/url-params.js';
import type { DigestBlock } from './digest/index.js';
import type { Search } from './search/index.js';
import { createAlertsSwitch } from './ui/alerts-switch.js';
import { createAnnouncer } from './ui/announcer.js';
import { createChatScreen } from './ui/chat-screen.js';
import { createJoinScreen } from './ui/join-screen.js';

/** What the page keeps in this browser (see ui/local-memory.ts). */
export interface PageMemory {
  rememberedName(): string;
  rememberName(name: string): void;
  storedSession(now: number): StoredSession | undefined;
  storeSession(session: StoredSession | undefined): void;
  hasGuestPrefs(): boolean;
  guestPrefs(): NotifyPrefs;
}

/** What the page is built from: the browser's parts, handed in by main.ts. */
export interface WebAppParts {
  /** Where the page draws itself. */
  readonly root: HTMLElement;
  /** The server's WebSocket address. */
  readonly url: string;
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  readonly memory: PageMemory;
  /** What the page's address asks for (`?room=dev&name=alice`). */
  readonly link: JoinLink;
  /** The page's address, for share links, and the way to show the room on screen in it. */
  readonly address: { readonly origin: string; readonly pathname: string; show(query: string): void };
  /** Loads the parts used now and then (bundles of their own, see build.mjs). */
  readonly load: {
    commands(): Promise<CommandsPart>;
    search(): Promise<typeof import('./search/index.js')>;
    attention(): Promise<typeof import('./attention/index.js')>;
    digest(): Promise<typeof import('./digest/index.js')>;
    joinErrors(): Promise<typeof import('./join-errors/index.js')>;
    help(): Promise<typeof import('./help/index.js')>;
    account(): Promise<typeof import('./account/index.js')>;
  };
}

const CLIENT = { name: 'aurora-web', version: '0.1.0' };

/**
 * The page: its state, the session on the engine's connection, the views, and the parts loaded on
 * first use. Nothing lives in module scope; everything the browser provides is handed in.
 */
export function createWebApp(parts: WebAppParts): void {
  const { link, memory, clock } = parts;
  // A link with a name joins as a guest, so it never uses the log-in stored in this browser.
  const session = link.autoJoin ? undefined : memory.storedSession(clock.now());
  const store = createStore(
    pageReducer,
    initialPage({
      nick: link.name ?? memory.rememberedName(),
      ...(link.room ? { room: link.room } : {}),
      ...(session ? { session } : {}),
    }),
  );
  const time = createTimeFormat();
  const announcer = createAnnouncer();
  let focusComposer = false;

  const page = createPageSession({
    store,
    url: parts.url,
    socketFactory: parts.socketFactory,
    clock,
    client: CLIENT,
    attempt: session ? 'session' : 'guest',
    guestPrefs: memory.guestPrefs,
    loadCommands: parts.load.commands,
    hooks: {
      welcomed(message) {
        // An account's preferences come from the server (`prefs`); a guest's are kept in this browser.
        if (store.getState().chat.account === undefined && memory.hasGuestPrefs())
          withAttention((part) => part.loadGuestPrefs());
        memory.rememberName(message.nick);
        typing.reset();
        // The chat screen is shown by the next render; focus can only move there after it.
        focusComposer = true;
      },
      arrived(message, before, replayed) {
        const text = announcement(message, store.getState().chat);
        if (text !== undefined && !replayed) announcer.announce(text);
        // Whether it is due a notification is decided in the attention part, by the state before it.
        const watching = document.visibilityState === 'visible' && document.hasFocus();
        if (alerts.on()) withAttention((part) => part.notify(message, before.chat, watching));
      },
      search: (query) => openSearch(query),
      goTo: (wire, seq) => later(searchPart(), (search) => search.goTo(wire, seq)),
      prefs: (command, target) => withAttention((part) => part.command(command, target)),
      help: (command) => later(parts.load.help(), (help) => notice(help.helpText(command))),
      password: (keepSessions) =>
        later(parts.load.account(), (account) =>
          account.askPasswordChange({
            root: parts.root,
            account: store.getState().chat.account ?? '',
            keepSessions,
            change: ({ current, next, keepSessions: keep }) =>
              page.whenOnline((connection) => connection.changePassword(current, next, keep)),
            closed: () => chat.composer.focus(),
          }),
        ),
      sent() {
        typing.reset();
        chat.messages.scrollToBottom();
      },
      connecting() {
        seen.reset();
        typing.reset();
      },
    },
  });
  const { dispatch } = page;
  /** The store as the parts loaded on first use see it: their actions go through the session. */
  const pageStore = { getState: store.getState, subscribe: store.subscribe, dispatch };
  const notice = (text: string, tone: 'info' | 'error' = 'info') =>
    dispatch({ type: 'notice', text, tone, now: clock.now() });

  function open(key: string): void {
    dispatch({ type: 'select', target: key });
    typing.reset();
    chat.composer.focus();
  }

  /**
   * Uses a part of the page loaded on first use (a bundle of its own, see build.mjs), so that the
   * page everyone loads first does not carry it (#17). When it cannot be fetched (the server was
   * updated meanwhile, say), the browser's own words say so.
   */
  function later<T>(load: Promise<T>, use: (module: T) => void): void {
    load.then(use, (error: unknown) => notice(String(error), 'error'));
  }

  /** The search panel, made on first use and handed the page's live parts. */
  let searchPanel: Promise<Search> | undefined;
  function searchPart(): Promise<Search> {
    searchPanel ??= parts.load
      .search()
      .then((module) =>
        module.createSearch({ chat, store: pageStore, connection: page.connection, submit: page.submit }),
      );
    return searchPanel;
  }
  function openSearch(query?: string): void {
    later(searchPart(), (panel) => panel.open(query));
  }

  /** Notification settings and desktop notifications, loaded on first use and handed the page's live parts. */
  let attentionPart: Promise<Attention> | undefined;
  function withAttention(use: (part: Attention) => void): void {
    attentionPart ??= parts.load
      .attention()
      .then((module) =>
        module.createAttention({ store: pageStore, connection: page.connection, now: clock.now, open }),
      );
    later(attentionPart, use);
  }

  function share(): void {
    const target = activeTarget(store.getState());
    if (target?.kind !== 'room') return;
    const url = roomLink(parts.address.origin, parts.address.pathname, target.label);
    navigator.clipboard?.writeText(url).then(
      () => notice(`Link copied: ${url}`),
      () => notice(`Share this link: ${url}`),
    ) ?? notice(`Share this link: ${url}`);
  }

  const chat = createChatScreen(
    {
      composer: {
        submit: page.submit,
        input: (text) => {
          const target = activeTarget(store.getState());
          typing.input(target?.kind === 'room' ? target.key : undefined, text);
        },
      },
      open,
      close: (key) => dispatch({ type: 'close-target', target: key }),
      menu: (key, anchor, name) => withAttention((part) => part.menu(anchor, key, name)),
      join: (room) => void page.submit(`/join ${room}`),
      message: (nick) => {
        dispatch({ type: 'open-dm', nick });
        chat.composer.focus();
      },
      loadOlder: page.loadOlder,
      search: openSearch,
      retry: page.retry,
      discard: (cid) => dispatch({ type: 'discard', cid }),
      reconnect: () => page.connection()?.retryNow(),
      share,
      logout: () => page.whenOnline((connection) => connection.logout(false)),
    },
    time,
  );

  const join = createJoinScreen({
    join: page.join,
    forgetSession: page.forgetSession,
    // The sentences load when a join first fails; without them, the server's own words.
    explain: (failure) =>
      parts.load.joinErrors().then(
        (module) => module.describeJoinError(failure.code, failure.message, failure.nick, failure.attempt),
        () => failure.message,
      ),
  });
  join.explainLink(link.problems);
  const alerts = createAlertsSwitch((on, permission) =>
    withAttention((part) => part.alertsChanged(on, permission)),
  );
  chat.sidebar.append(alerts.element);
  parts.root.replaceChildren(join.element, chat.element, announcer.element);

  // Rendering waits for the next frame, so a burst of frames (a resume replay) is drawn once.
  let frame = 0;
  function render(): void {
    frame = 0;
    const state = store.getState();
    join.render(state);
    chat.render(state, clock.now());
    if (focusComposer && state.screen === 'chat') {
      focusComposer = false;
      chat.composer.focus();
    }
  }
  const scheduleRender = () => {
    if (frame === 0) frame = requestAnimationFrame(render);
  };

  const typing = createTypingInput((room, active) => page.connection()?.typing(room, active));
  const seen = createSeenMarker({
    getState: store.getState,
    markRead: (target, seq) => page.connection()?.markRead(target, seq),
    dispatch,
    clock,
    seeing: () => chat.messages.atBottom(),
  });

  /** "While you were away", made when the engine first has one to show. */
  let digestBlock: Promise<DigestBlock> | undefined;
  let shownDigest: Digest | undefined;
  let shownRoom: string | undefined;
  let shownSession = session;
  store.subscribe((state) => {
    const digest = state.chat.awayDigest;
    if (digest !== shownDigest && (digest || digestBlock)) {
      digestBlock ??= parts.load.digest().then((module) => module.createDigestBlock(chat.digest, time));
      later(digestBlock, (block) => block.render(store.getState().chat.awayDigest));
    }
    shownDigest = digest;
    if (state.session !== shownSession) memory.storeSession(state.session);
    shownSession = state.session;
    seen.changed();
    // The title and address bar update at once, even in a background tab where frames are paused.
    document.title = pageTitle(state);
    const target = activeTarget(state);
    const room = target?.kind === 'room' ? target.label : undefined;
    if (room !== undefined && room !== shownRoom) parts.address.show(`?${new URLSearchParams({ room })}`);
    shownRoom = room;
    scheduleRender();
  });

  document.addEventListener('visibilitychange', () =>
    dispatch({ type: 'visibility', visible: document.visibilityState === 'visible' }),
  );
  window.addEventListener('online', () => page.connection()?.retryNow());
  document.addEventListener('keydown', (event) => {
    // Alt+Up / Alt+Down move between conversations from anywhere on the chat screen; Ctrl+K searches.
    const state = store.getState();
    if (state.screen !== 'chat') return;
    if (event.key === 'k' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      openSearch();
    }
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const next = adjacentTarget(state, event.key === 'ArrowUp' ? -1 : 1);
    if (next !== undefined) {
      event.preventDefault();
      open(next);
    }
  });
  setInterval(() => {
    dispatch({ type: 'tick', now: clock.now() });
    // The banner counts down, and a mute that ended leaves the list: both are drawn from the clock.
    if (store.getState().screen === 'chat') scheduleRender();
  }, 1000);

  render();
  if (link.autoJoin && link.name && link.room)
    page.join({ attempt: 'guest', nick: link.name, room: link.room });
  else join.focus();
}
