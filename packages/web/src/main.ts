import type { ClientMessageInput, ServerMessage } from 'aurora-protocol';
import { type ChatAction, chatReducer } from './core/chat-reducer.js';
import { activeTarget, helloFor, initialState } from './core/chat-state.js';
import { createCidSource } from './core/cid.js';
import { systemClock } from './core/clock.js';
import { planCommand } from './core/command-plan.js';
import { parseCommand } from './core/commands.js';
import { type ConnectionEvent, createConnection } from './core/connection.js';
import { describeJoinError, endsSession, type JoinAttempt } from './core/join-errors.js';
import { adjacentTarget, olderPageRequest } from './core/navigation.js';
import { createOutboxPump } from './core/outbox-pump.js';
import { createReadMarkers } from './core/read-markers.js';
import { createStore } from './core/store.js';
import { keyOfWireTarget, placeMessage } from './core/targets.js';
import { createTimeFormat } from './core/time-format.js';
import { announcement, pageTitle } from './core/titles.js';
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
      // Never breaks the page: the frame is dropped and noted for whoever debugs the server, quietly,
      // as a server that floods odd frames must not flood the console too.
      console.debug(`aurora: ignored a frame from the server (${event.error.code}): ${event.error.message}`);
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
  } else if (message.type === 'message') {
    const place = placeMessage(message, state.me);
    const text = announcement(message, state);
    if (place && text !== undefined && !replaying.has(place.key)) announcer.announce(text);
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
  const frame = olderPageRequest(store.getState(), key);
  if (frame && connection.send(frame)) dispatch({ type: 'older-requested', target: key });
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

const outbox = createOutboxPump({
  getState: store.getState,
  send: (frame) => connection.send(frame),
  dispatch,
  clock: systemClock,
});
const readMarkers = createReadMarkers({
  getState: store.getState,
  send: (frame) => connection.send(frame),
  dispatch,
  clock: systemClock,
  seeing: () => chat.messages.atBottom(),
});
let flushQueued = false;

let shownRoom: string | undefined;
let shownSession = session;
store.subscribe((state) => {
  if (state.session !== shownSession) storeSession(state.session);
  shownSession = state.session;
  readMarkers.changed();
  // The title and address bar update at once, even in a background tab where frames are paused.
  document.title = pageTitle(state);
  const target = activeTarget(state);
  const room = target && !target.isDm ? target.name : undefined;
  if (room !== undefined && room !== shownRoom)
    history.replaceState(null, '', `?${new URLSearchParams({ room })}`);
  shownRoom = room;
  // The outbox is pumped after every change, coalesced into one microtask.
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(() => {
      flushQueued = false;
      outbox.flush();
    });
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
  connection.connect();
} else join.focus();
