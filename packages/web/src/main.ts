import { type ClientMessageInput, type ServerMessage, sameName } from 'aurora-protocol';
import { type ChatAction, chatReducer } from './core/chat-reducer.js';
import { activeTarget, helloFor, initialState, totalUnread, wireTarget } from './core/chat-state.js';
import { createCidSource } from './core/cid.js';
import { systemClock } from './core/clock.js';
import { planCommand } from './core/command-plan.js';
import { COMMAND_REFS } from './core/command-refs.js';
import { parseCommand } from './core/commands.js';
import { type ConnectionEvent, createConnection } from './core/connection.js';
import { describeJoinError, endsSession, type JoinAttempt } from './core/join-errors.js';
import { dueMessages, frameFor, nextRetryAt } from './core/outbox.js';
import { createStore } from './core/store.js';
import { keyOfWireTarget, placeMessage } from './core/targets.js';
import { createTimeFormat } from './core/time-format.js';
import { latestSeq, oldestSeq } from './core/timeline.js';
import { createTypingSignal } from './core/typing.js';
import { parseJoinLink, roomLink, socketUrl } from './core/url-params.js';
import { createAnnouncer } from './ui/announcer.js';
import { openBrowserSocket } from './ui/browser-socket.js';
import { createChatScreen } from './ui/chat-screen.js';
import { createJoinScreen } from './ui/join-screen.js';
import { rememberedName, rememberName, storedSession, storeSession } from './ui/local-memory.js';

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
const newCid = createCidSource(Math.random);
const time = createTimeFormat();
const announcer = createAnnouncer();
/** Targets whose missed messages are being replayed: those are not read out one by one. */
const replaying = new Set<string>();

const connection = createConnection({
  url: socketUrl(location),
  openSocket: openBrowserSocket,
  hello: () => {
    const hello = helloFor(store.getState(), CLIENT);
    replaying.clear();
    for (const target of Object.keys(hello.resume ?? {})) replaying.add(keyOfWireTarget(target));
    return hello;
  },
  onEvent,
  clock: systemClock,
  random: Math.random,
});

const typing = createTypingSignal(
  (message) => void connection.send(message),
  systemClock,
  () => store.getState().limits.typingIntervalMs,
);

function onEvent(event: ConnectionEvent): void {
  switch (event.type) {
    case 'status':
      dispatch({ type: 'connection', ...event.info });
      return;
    case 'frame':
      dispatch({ type: 'server', message: event.message, now: Date.now() });
      afterFrame(event.message);
      return;
    case 'join-failed':
      dispatch({
        type: 'hello-failed',
        message: describeJoinError(event.code, event.message, store.getState().wanted.nick, attempt),
        fatal: event.fatal,
        endsSession: attempt === 'session' && endsSession(event.code),
      });
      return;
    case 'bad-frame':
      // Never breaks the page: the frame is dropped and noted for whoever debugs the server.
      console.warn(`aurora: ignored a frame from the server (${event.error.code}): ${event.error.message}`);
      return;
  }
}

function afterFrame(message: ServerMessage): void {
  const state = store.getState();
  if (message.type === 'logged_out') connection.close();
  if (message.type === 'welcome') {
    // From now on every reconnect says hello with the stored token, if there is one.
    attempt = state.session ? 'session' : 'guest';
    rememberName(message.nick);
    typing.reset();
    // The chat screen is shown by the next render; focus can only move there after it.
    focusComposer = true;
  } else if (message.type === 'resumed') {
    replaying.delete(keyOfWireTarget(message.target));
  } else if (message.type === 'message' && state.me !== undefined && !sameName(message.from, state.me)) {
    const place = placeMessage(message, state.me);
    if (!place || replaying.has(place.key)) return;
    if (place.isDm) announcer.announce(`Direct message from ${message.from}: ${message.text}`);
    else if (place.key === state.active)
      announcer.announce(message.kind === 'system' ? message.text : `${message.from}: ${message.text}`);
  }
}

/** Sends a request now, or says why it cannot be sent. */
function request(frame: ClientMessageInput): void {
  if (!connection.send(frame))
    dispatch({
      type: 'notice',
      text: 'Not connected. Try again once the connection is back.',
      tone: 'error',
    });
}

function submit(text: string): string | undefined {
  const command = parseCommand(text);
  if (command === undefined) return undefined;
  const plan = planCommand(command, store.getState(), { now: Date.now(), newCid });
  if (plan.error !== undefined) return plan.error;
  for (const action of plan.actions) dispatch(action);
  for (const frame of plan.frames) request(frame);
  if (plan.quit) {
    connection.close();
    dispatch({ type: 'quit' });
  }
  if (plan.actions.some((a) => a.type === 'send')) {
    typing.reset();
    chat.messages.scrollToBottom();
  }
  return undefined;
}

function loadOlder(key: string): void {
  const state = store.getState();
  const target = state.targets[key];
  if (!target?.hasOlder || target.loadingOlder || state.connection.status !== 'online') return;
  const before = oldestSeq(target.entries);
  const frame: ClientMessageInput = {
    type: 'history',
    target: wireTarget(target),
    ...(before === undefined ? {} : { before }),
    limit: state.limits.historyPageDefault,
    ref: COMMAND_REFS.history,
  };
  if (connection.send(frame)) dispatch({ type: 'older-requested', target: key });
}

function open(key: string): void {
  dispatch({ type: 'open', target: key });
  typing.reset();
  chat.composer.focus();
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
    join: (room) => submit(`/join ${room}`),
    message: (nick) => {
      dispatch({ type: 'open-dm', nick });
      chat.composer.focus();
    },
    loadOlder,
    retry: (cid) => dispatch({ type: 'retry', cid }),
    discard: (cid) => dispatch({ type: 'discard', cid }),
    reconnect: () => connection.reconnectNow(),
    share,
    logout: () => request({ type: 'logout' }),
  },
  time,
);

const join = createJoinScreen({
  join: (request) => {
    attempt = request.attempt;
    dispatch({ type: 'join-requested', nick: request.nick, room: request.room });
    const { nick: name, password } = request;
    if (password === undefined) connection.connect();
    else connection.connect({ type: request.attempt === 'signup' ? 'register' : 'login', name, password });
  },
  forgetSession: () => {
    attempt = 'guest';
    dispatch({ type: 'forget-session' });
  },
});
join.explainLink(link.problems);

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

let retryTimer: ReturnType<typeof setTimeout> | undefined;
let flushQueued = false;
/** Puts due outbox messages on the wire; runs after every change, coalesced into one microtask. */
function flushOutbox(): void {
  flushQueued = false;
  const state = store.getState();
  const now = Date.now();
  const sent = dueMessages(state, now).filter((pending) => {
    const frame = frameFor(state, pending);
    return frame !== undefined && connection.send(frame);
  });
  if (sent.length > 0) dispatch({ type: 'sent', cids: sent.map((p) => p.cid) });
  const retryAt = nextRetryAt(store.getState());
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = retryAt !== undefined && retryAt > now ? setTimeout(flushOutbox, retryAt - now) : undefined;
}

let readTimer: ReturnType<typeof setTimeout> | undefined;
/** Logged in: tells the server (and so the account's other devices) what has been read here. */
function markRead(): void {
  readTimer = undefined;
  const state = store.getState();
  const target = activeTarget(state);
  if (!target || !state.account || !state.visible || !chat.messages.atBottom()) return;
  const seq = latestSeq(target.entries);
  if (seq > target.readSeq && connection.send({ type: 'read', target: wireTarget(target), seq }))
    dispatch({ type: 'marked-read', target: target.key, seq });
}

let shownRoom: string | undefined;
let shownSession = session;
store.subscribe((state) => {
  if (state.session !== shownSession) storeSession(state.session);
  shownSession = state.session;
  if (state.account && readTimer === undefined) readTimer = setTimeout(markRead, 1000);
  // The title and address bar update at once, even in a background tab where frames are paused.
  const unread = totalUnread(state);
  const target = activeTarget(state);
  const place = target ? (target.isDm ? `@${target.name}` : `#${target.name}`) : undefined;
  document.title = `${unread > 0 ? `(${unread}) ` : ''}${place ? `${place} · ` : ''}Aurora`;
  const room = target && !target.isDm ? target.name : undefined;
  if (room !== undefined && room !== shownRoom)
    history.replaceState(null, '', `?${new URLSearchParams({ room })}`);
  shownRoom = room;
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flushOutbox);
  }
  scheduleRender();
});

document.addEventListener('visibilitychange', () =>
  dispatch({ type: 'visibility', visible: document.visibilityState === 'visible' }),
);
window.addEventListener('online', () => connection.reconnectNow());
document.addEventListener('keydown', (event) => {
  // Alt+Up / Alt+Down move between conversations from anywhere on the chat screen.
  const state = store.getState();
  if (state.screen !== 'chat' || !event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown'))
    return;
  const index = state.active === undefined ? -1 : state.order.indexOf(state.active);
  const next = state.order[index + (event.key === 'ArrowUp' ? -1 : 1)];
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
  connection.connect();
} else join.focus();
