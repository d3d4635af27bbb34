import {
  Connection,
  type ConnectionEvent,
  createTimeFormat,
  messagePlace,
  standardSocketFactory,
  systemClock,
  targetOfWire,
} from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import type { Attention } from './attention/index.js';
import type { CommandPlan, PlannedLine, PlannedRequest } from './core/command-plan.js';
import { eventActions } from './core/connection-events.js';
import type { JoinAttempt } from './core/join-errors.js';
import { adjacentTarget, olderPageRequest } from './core/navigation.js';
import {
  activeTarget,
  initialPage,
  isOnline,
  type PageAction,
  type PageState,
  pageReducer,
} from './core/page-state.js';
import { sendRequest } from './core/requests.js';
import { sayPlan } from './core/say-plan.js';
import { createSeenMarker } from './core/seen-marker.js';
import { createStore, type Store } from './core/store.js';
import { announcement, pageTitle } from './core/titles.js';
import { createTypingInput } from './core/typing-input.js';
import { parseJoinLink, roomLink, socketUrl } from './core/url-params.js';
import type { Search } from './search/index.js';
import { createAlertsSwitch } from './ui/alerts-switch.js';
import { createAnnouncer } from './ui/announcer.js';
import { createChatScreen } from './ui/chat-screen.js';
import { createJoinScreen } from './ui/join-screen.js';
import {
  hasGuestPrefs,
  rememberedName,
  rememberName,
  storedSession,
  storeSession,
} from './ui/local-memory.js';

const CLIENT = { name: 'aurora-web', version: '0.1.0' };

const link = parseJoinLink(location.search);
// A link with a name joins as a guest, so it never uses the log-in stored in this browser.
const session = link.autoJoin ? undefined : storedSession(Date.now());
const store = createStore(
  pageReducer,
  initialPage({
    nick: link.name ?? rememberedName(),
    ...(link.room ? { room: link.room } : {}),
    ...(session ? { session } : {}),
  }),
);
/** How the current (or last) join was attempted, to explain its failure. */
let attempt: JoinAttempt = session ? 'session' : 'guest';
/** Changes the state; a direct conversation opened with nothing in it asks for its latest messages. */
function dispatch(action: PageAction): void {
  store.dispatch(action);
  if (action.type !== 'open-dm') return;
  const { chat } = store.getState();
  if (chat.targets[chat.current]?.items.length === 0) loadOlder(chat.current);
}
/** The store as the parts loaded on first use see it: their actions go through `dispatch` too. */
const page: Store<PageState, PageAction> = {
  getState: store.getState,
  subscribe: store.subscribe,
  dispatch,
};
const notice = (text: string, tone: 'info' | 'error' = 'info') =>
  dispatch({ type: 'notice', text, tone, now: Date.now() });
const time = createTimeFormat();
const announcer = createAnnouncer();
/** Targets whose missed messages are being replayed: those are not read out one by one. */
const replaying = new Set<string>();
const socketFactory = standardSocketFactory(WebSocket);
/** The engine's connection of the current join; a new join makes a new one. */
let connection: Connection | undefined;
let unsubscribe: (() => void) | undefined;

/** Opens a connection for the join the state asks for, first logging in or signing up with `password`. */
function connect(password?: string): void {
  dropConnection();
  const { wanted, session } = store.getState();
  const next = new Connection({
    url: socketUrl(location),
    nick: wanted.nick,
    ...(session ? { session: { account: session.account, token: session.token } } : {}),
    rooms: wanted.rooms,
    client: CLIENT,
    socketFactory,
  });
  unsubscribe = next.subscribe(onEvent);
  connection = next;
  seen.reset();
  typing.reset();
  if (password !== undefined) {
    if (attempt === 'signup') next.register(wanted.nick, password);
    else next.login(wanted.nick, password);
  }
  next.start();
}

/** Closes the current connection without hearing from it again. */
function dropConnection(): void {
  unsubscribe?.();
  unsubscribe = undefined;
  connection?.close();
  connection = undefined;
}

function onEvent(event: ConnectionEvent): void {
  if (event.type === 'bad-frame') {
    // Never breaks the page: the frame is dropped and noted for whoever debugs the server, quietly,
    // as a server that floods odd frames must not flood the console too.
    console.debug(`aurora: ignored a frame from the server (${event.error.code}): ${event.error.message}`);
    return;
  }
  const before = store.getState();
  if (event.type === 'server' && event.message.type === 'welcome') noteReplays(before);
  const outcome = eventActions(event, before, attempt, Date.now());
  for (const action of outcome.actions) dispatch(action);
  if (outcome.close) dropConnection();
  if (event.type === 'server') afterFrame(event.message, before);
}

/** A reconnect replays what each room and conversation missed; those lines are not read out. */
function noteReplays(state: PageState): void {
  replaying.clear();
  if (state.screen !== 'chat') return;
  for (const target of Object.values(state.chat.targets))
    if (target.kind === 'room' || target.items.length > 0) replaying.add(target.key);
}

function afterFrame(message: ServerMessage, before: PageState): void {
  const state = store.getState();
  if (message.type === 'logged_out') dropConnection();
  if (message.type === 'welcome') {
    // From now on every reconnect says hello with the stored token, if there is one.
    attempt = state.session ? 'session' : 'guest';
    // An account's preferences come from the server (`prefs`); a guest's are kept in this browser.
    if (state.chat.account === undefined && hasGuestPrefs()) withAttention((part) => part.loadGuestPrefs());
    rememberName(message.nick);
    typing.reset();
    // The chat screen is shown by the next render; focus can only move there after it.
    focusComposer = true;
  } else if (message.type === 'resumed') {
    replaying.delete(targetOfWire(message.target));
  } else if (message.type === 'message') {
    const place = messagePlace(message, state.chat.me);
    const text = announcement(message, state.chat);
    if (place && text !== undefined && !replaying.has(place.target)) announcer.announce(text);
    // Whether it is due a notification is decided in the attention part, by the state before it.
    const watching = document.visibilityState === 'visible' && document.hasFocus();
    if (alerts.on()) withAttention((part) => part.notify(message, before.chat, watching));
  }
}

/** Sends a request now, or says why it cannot be sent. */
function request(frame: PlannedRequest): void {
  if (connection && isOnline(store.getState())) sendRequest(connection, frame);
  else notice('Not connected. Try again once the connection is back.', 'error');
}

/** Hands a line to the engine's outbox, which keeps it until the server stores it. */
function sendLine(line: PlannedLine): void {
  const outgoing = connection?.send(line.kind, line.to, line.text, line.replyTo);
  if (outgoing) dispatch({ type: 'sent', outgoing });
}

/** Sends a refused line again, in its place on screen. */
function retry(cid: string): void {
  for (const target of Object.values(store.getState().chat.targets)) {
    const failed = target.pending.find((p) => p.outgoing.cid === cid && p.state === 'failed');
    if (!failed || !connection) continue;
    const { kind, target: to, text, replyTo } = failed.outgoing;
    dispatch({ type: 'resent', cid, outgoing: connection.send(kind, to, text, replyTo) });
    return;
  }
}

/** The commands part, once loaded (see commands/index.ts). */
let commands: typeof import('./commands/index.js') | undefined;
/** The last line waiting for the commands part to load: the lines after it wait behind it, in order. */
let queue: Promise<unknown> | undefined;

/**
 * Runs a composer line and says why it cannot be carried out, if so: a plain line is said at once;
 * a command waits for the commands part the first time, and the lines typed meanwhile wait too.
 */
function submit(text: string): string | undefined | Promise<string | undefined> {
  if (text.trim() === '') return undefined;
  const command = text.startsWith('/');
  const run = () =>
    carryOut(
      command ? commands!.planLine(text, store.getState(), Date.now()) : sayPlan(store.getState(), text),
    );
  if (!queue && (commands || !command)) return run();
  const load = import('./commands/index.js').then((module) => {
    commands = module;
  });
  const done = (queue ?? Promise.resolve()).then(() => load).then(run, (error: unknown) => String(error));
  queue = done;
  void done.finally(() => {
    if (queue === done) queue = undefined;
  });
  return done;
}

/** Applies a command's plan: state changes, lines to the outbox, requests, the parts it opens. */
function carryOut(plan: CommandPlan): string | undefined {
  if (plan.error !== undefined) return plan.error;
  for (const action of plan.actions) dispatch(action);
  for (const line of plan.lines ?? []) sendLine(line);
  for (const frame of plan.frames) request(frame);
  if (plan.search !== undefined) openSearch(plan.search);
  if (plan.prefs !== undefined) {
    const command = plan.prefs;
    const target = activeTarget(store.getState())?.key;
    withAttention((part) => part.command(command, target));
  }
  if (plan.help !== undefined) {
    const command = plan.help;
    later(import('./help/index.js'), (help) => notice(help.helpText(command)));
  }
  if (plan.quit) {
    dropConnection();
    dispatch({ type: 'quit' });
  }
  if (plan.lines?.length) {
    typing.reset();
    chat.messages.scrollToBottom();
  }
  return undefined;
}

function loadOlder(key: string): void {
  const frame = olderPageRequest(store.getState(), key);
  if (frame && connection) {
    sendRequest(connection, frame);
    dispatch({ type: 'older-requested', target: key });
  }
}

function open(key: string): void {
  dispatch({ type: 'select', target: key });
  typing.reset();
  chat.composer.focus();
}

/**
 * Uses a part of the page loaded on first use (a bundle of its own, see build.mjs), so that the page
 * everyone loads first does not carry it (#17). When it cannot be fetched (the server was updated
 * meanwhile, say), the browser's own words say so.
 */
function later<T>(load: Promise<T>, use: (module: T) => void): void {
  load.then(use, (error: unknown) => notice(String(error), 'error'));
}

/** The search panel, made on first use and handed the page's live parts. */
let searchPanel: Promise<Search> | undefined;
function openSearch(query?: string): void {
  searchPanel ??= import('./search/index.js').then((module) =>
    module.createSearch({ chat, store: page, connection: () => connection, submit }),
  );
  later(searchPanel, (panel) => panel.open(query));
}

/** Notification settings and desktop notifications, loaded on first use and handed the page's live parts. */
let attentionPart: Promise<Attention> | undefined;
function withAttention(use: (part: Attention) => void): void {
  attentionPart ??= import('./attention/index.js').then((module) =>
    module.createAttention({ store: page, connection: () => connection, now: Date.now, open }),
  );
  later(attentionPart, use);
}

function share(): void {
  const target = activeTarget(store.getState());
  if (target?.kind !== 'room') return;
  const url = roomLink(location.origin, location.pathname, target.label);
  const told = (text: string) => notice(text);
  navigator.clipboard?.writeText(url).then(
    () => told(`Link copied: ${url}`),
    () => told(`Share this link: ${url}`),
  ) ?? told(`Share this link: ${url}`);
}

const chat = createChatScreen(
  {
    composer: {
      submit,
      input: (text) => {
        const target = activeTarget(store.getState());
        typing.input(target?.kind === 'room' ? target.key : undefined, text);
      },
    },
    open,
    close: (key) => dispatch({ type: 'close-target', target: key }),
    menu: (key, anchor, name) => withAttention((part) => part.menu(anchor, key, name)),
    join: (room) => submit(`/join ${room}`),
    message: (nick) => {
      dispatch({ type: 'open-dm', nick });
      chat.composer.focus();
    },
    loadOlder,
    search: openSearch,
    retry,
    discard: (cid) => dispatch({ type: 'discard', cid }),
    reconnect: () => connection?.retryNow(),
    share,
    logout: () => request({ type: 'logout', everywhere: false }),
  },
  time,
);

const join = createJoinScreen({
  join: (request) => {
    attempt = request.attempt;
    dispatch({ type: 'join-asked', nick: request.nick, room: request.room });
    connect(request.password);
  },
  forgetSession: () => {
    attempt = 'guest';
    dispatch({ type: 'forget-session' });
  },
});
join.explainLink(link.problems);
const alerts = createAlertsSwitch((on, permission) =>
  withAttention((part) => part.alertsChanged(on, permission)),
);
chat.sidebar.append(alerts.element);

document.getElementById('app')?.replaceChildren(join.element, chat.element, announcer.element);

// Rendering waits for the next frame, so a burst of frames (a resume replay) is drawn once.
let frame = 0;
let focusComposer = false;
function render(): void {
  frame = 0;
  const state = store.getState();
  join.render(state);
  chat.render(state, Date.now());
  if (focusComposer && state.screen === 'chat') {
    focusComposer = false;
    chat.composer.focus();
  }
}
const scheduleRender = () => {
  if (frame === 0) frame = requestAnimationFrame(render);
};

const typing = createTypingInput((room, active) => connection?.typing(room, active));
const seen = createSeenMarker({
  getState: store.getState,
  markRead: (target, seq) => connection?.markRead(target, seq),
  dispatch,
  clock: systemClock,
  seeing: () => chat.messages.atBottom(),
});

let shownRoom: string | undefined;
let shownSession = session;
store.subscribe((state) => {
  if (state.session !== shownSession) storeSession(state.session);
  shownSession = state.session;
  seen.changed();
  // The title and address bar update at once, even in a background tab where frames are paused.
  document.title = pageTitle(state);
  const target = activeTarget(state);
  const room = target?.kind === 'room' ? target.label : undefined;
  if (room !== undefined && room !== shownRoom)
    history.replaceState(null, '', `?${new URLSearchParams({ room })}`);
  shownRoom = room;
  scheduleRender();
});

document.addEventListener('visibilitychange', () =>
  dispatch({ type: 'visibility', visible: document.visibilityState === 'visible' }),
);
window.addEventListener('online', () => connection?.retryNow());
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
  dispatch({ type: 'tick', now: Date.now() });
  // The banner counts down, and a mute that ended leaves the list: both are drawn from the clock.
  if (store.getState().screen === 'chat') scheduleRender();
}, 1000);

render();
if (link.autoJoin && link.name && link.room) {
  dispatch({ type: 'join-asked', nick: link.name, room: link.room });
  connect();
} else join.focus();
