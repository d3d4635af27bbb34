import {
  Connection,
  type ConnectionEvent,
  createTimeFormat,
  isDmTarget,
  messagePlace,
  parseInput,
  standardSocketFactory,
  systemClock,
  targetOfWire,
} from 'aurora-client';
import type { ServerMessage } from 'aurora-protocol';
import type { Attention } from './attention/index.js';
import { type ChatAction, chatReducer } from './core/chat-reducer.js';
import { activeTarget, type ChatState, initialState, type PendingMessage } from './core/chat-state.js';
import { type PlannedLine, type PlannedRequest, planCommand } from './core/command-plan.js';
import { eventActions } from './core/connection-events.js';
import type { JoinAttempt } from './core/join-errors.js';
import { adjacentTarget, olderPageRequest } from './core/navigation.js';
import { sendRequest } from './core/requests.js';
import { createSeenMarker } from './core/seen-marker.js';
import { createStore } from './core/store.js';
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
  chatReducer,
  initialState({
    nick: link.name ?? rememberedName(),
    ...(link.room ? { room: link.room } : {}),
    ...(session ? { session } : {}),
  }),
);
/** How the current (or last) join was attempted, to explain its failure. */
let attempt: JoinAttempt = session ? 'session' : 'guest';
const dispatch = (action: ChatAction) => store.dispatch(action);
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
function noteReplays(state: ChatState): void {
  replaying.clear();
  if (state.me === undefined) return;
  for (const target of state.targets.values())
    if (!target.isDm || target.cursor > 0) replaying.add(target.key);
}

function afterFrame(message: ServerMessage, before: ChatState): void {
  const state = store.getState();
  if (message.type === 'logged_out') dropConnection();
  if (message.type === 'welcome') {
    // From now on every reconnect says hello with the stored token, if there is one.
    attempt = state.session ? 'session' : 'guest';
    // An account's preferences come from the server (`prefs`); a guest's are kept in this browser.
    if (state.account === undefined && hasGuestPrefs()) withAttention((part) => part.loadGuestPrefs());
    rememberName(message.nick);
    typing.reset();
    // The chat screen is shown by the next render; focus can only move there after it.
    focusComposer = true;
  } else if (message.type === 'resumed') {
    replaying.delete(targetOfWire(message.target));
  } else if (message.type === 'message') {
    const place = messagePlace(message, state.me);
    const text = announcement(message, state);
    if (place && text !== undefined && !replaying.has(place.target)) announcer.announce(text);
    // Whether it is due a notification is decided in the attention part, by the state before it.
    const watching = document.visibilityState === 'visible' && document.hasFocus();
    if (alerts.on()) withAttention((part) => part.notify(message, before, watching));
  }
}

/** Sends a request now, or says why it cannot be sent. */
function request(frame: PlannedRequest): void {
  if (connection && store.getState().connection.status === 'online') sendRequest(connection, frame);
  else
    dispatch({
      type: 'notice',
      text: 'Not connected. Try again once the connection is back.',
      tone: 'error',
    });
}

/** Hands a line to the engine's outbox, which keeps it until the server stores it. */
function handOver(to: string, kind: PendingMessage['kind'], text: string, replyTo?: number) {
  return connection?.send(kind === 'chat' ? 'say' : kind, to, text, replyTo);
}

function sendLine(line: PlannedLine): void {
  const sent = handOver(line.to, line.kind, line.text, line.replyTo);
  if (sent)
    dispatch({
      type: 'send',
      cid: sent.cid,
      target: line.target,
      kind: line.kind,
      text: line.text,
      now: sent.createdAt,
    });
}

/** Sends a refused line again, in its place on screen. */
function retry(pending: PendingMessage): void {
  const name = store.getState().targets.get(pending.target)?.name ?? pending.target;
  const sent = handOver(isDmTarget(pending.target) ? `@${name}` : pending.target, pending.kind, pending.text);
  if (sent) dispatch({ type: 'retry', cid: pending.cid, newCid: sent.cid });
}

function submit(text: string): string | undefined {
  const parsed = parseInput(text);
  if (!parsed.ok) return parsed.code === 'empty' ? undefined : parsed.message;
  const plan = planCommand(parsed.command, store.getState());
  if (plan.error !== undefined) return plan.error;
  for (const action of plan.actions) dispatch(action);
  for (const line of plan.lines ?? []) sendLine(line);
  for (const frame of plan.frames) request(frame);
  if (plan.search !== undefined) openSearch(plan.search);
  if (plan.goto !== undefined) {
    const { wire, seq } = plan.goto;
    later(searchPart(), (search) => search.goTo(wire, seq));
  }
  if (plan.prefs !== undefined) {
    const command = plan.prefs;
    const target = store.getState().active;
    withAttention((part) => part.command(command, target));
  }
  if (plan.help !== undefined) {
    const command = plan.help;
    later(import('./help/index.js'), (help) =>
      dispatch({ type: 'notice', text: help.helpText(command), tone: 'info' }),
    );
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
  dispatch({ type: 'open', target: key });
  typing.reset();
  chat.composer.focus();
}

/**
 * Uses a part of the page loaded on first use (a bundle of its own, see build.mjs), so that the page
 * everyone loads first does not carry it (#17). When it cannot be fetched (the server was updated
 * meanwhile, say), the browser's own words say so.
 */
function later<T>(load: Promise<T>, use: (module: T) => void): void {
  load.then(use, (error: unknown) => dispatch({ type: 'notice', text: String(error), tone: 'error' }));
}

/** The search panel, made on first use and handed the page's live parts. */
let searchPanel: Promise<Search> | undefined;
function searchPart(): Promise<Search> {
  searchPanel ??= import('./search/index.js').then((module) =>
    module.createSearch({ chat, store, connection: () => connection, submit }),
  );
  return searchPanel;
}
function openSearch(query?: string): void {
  later(searchPart(), (panel) => panel.open(query));
}

/** Notification settings and desktop notifications, loaded on first use and handed the page's live parts. */
let attentionPart: Promise<Attention> | undefined;
function withAttention(use: (part: Attention) => void): void {
  attentionPart ??= import('./attention/index.js').then((module) =>
    module.createAttention({ store, connection: () => connection, now: Date.now, open }),
  );
  later(attentionPart, use);
}

function share(): void {
  const target = activeTarget(store.getState());
  if (!target || target.isDm) return;
  const url = roomLink(location.origin, location.pathname, target.name);
  const told = (text: string) => dispatch({ type: 'notice', text, tone: 'info' });
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
        typing.input(target && !target.isDm ? target.name : undefined, text);
      },
    },
    open,
    close: (key) => dispatch({ type: 'close', target: key }),
    menu: (key, anchor, name) => withAttention((part) => part.menu(anchor, key, name)),
    join: (room) => submit(`/join ${room}`),
    message: (nick) => {
      dispatch({ type: 'open-dm', nick });
      chat.composer.focus();
    },
    loadOlder,
    search: openSearch,
    retry: (cid) => {
      const pending = store.getState().pending.find((p) => p.cid === cid);
      if (pending) retry(pending);
    },
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
    dispatch({ type: 'join-requested', nick: request.nick, room: request.room });
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
  const room = target && !target.isDm ? target.name : undefined;
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
  if (store.getState().connection.status === 'reconnecting') scheduleRender();
}, 1000);

render();
if (link.autoJoin && link.name && link.room) {
  dispatch({ type: 'join-requested', nick: link.name, room: link.room });
  connect();
} else join.focus();
