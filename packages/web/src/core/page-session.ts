import {
  type ChatConnection,
  type Clock,
  Connection,
  type ConnectionEvent,
  handedOverPrefs,
  messagePlace,
  NO_PREFS,
  type PrefsCommand,
  type SocketFactory,
  targetOfWire,
} from 'aurora-client';
import type { ChatMessage, NotifyPrefs, ServerMessageOf } from 'aurora-protocol';
import type { CommandPlan, PlannedLine, PlannedRequest } from './command-plan.js';
import { eventActions } from './connection-events.js';
import type { JoinAttempt } from './join-errors.js';
import { olderPageRequest } from './navigation.js';
import { activeTarget, isOnline, type PageAction, type PageState } from './page-state.js';
import { sayPlan } from './say-plan.js';
import type { Store } from './store.js';

// The page's session, without the DOM: the engine's connection of the current join, what its
// events do to the page state, and what a composer line does. Built from injected parts (the store,
// sockets, clock, the commands part and what the page shows), so node tests drive it with fake
// sockets as the terminal's tests drive its session.

/**
 * Why a composer line was not carried out: what to show; the line stays for editing, unless it
 * carried a password (`forget`), which leaves the composer all the same.
 */
export type Refusal = string | { readonly error: string; readonly forget: true };

/** What planning a command needs: the commands part (src/commands/), loaded on first use. */
export interface CommandsPart {
  planLine(line: string, state: PageState, now: number): CommandPlan;
  /** Hands a planned request to the connection method that writes it. */
  sendRequest(connection: ChatConnection, request: PlannedRequest): void;
}

/** What the session tells the page, which shows it or hands it to a part loaded on first use. */
export interface SessionHooks {
  /** The server welcomed us (also after every reconnect). */
  welcomed(message: ServerMessageOf<'welcome'>): void;
  /**
   * A stored message arrived: `before` is the state before it; `replayed` when it is one a
   * reconnect brought back (those are not read out one by one).
   */
  arrived(message: ChatMessage, before: PageState, replayed: boolean): void;
  /** Open the search panel with a query (`/search`). */
  search(query: string): void;
  /** Show a message of a conversation, loading the history back to it (`/goto`, a reply's quote). */
  goTo(wire: string, seq: number): void;
  /** Carry out a preferences command for the conversation on screen (undefined: none). */
  prefs(command: PrefsCommand, target: string | undefined): void;
  /** Show the help of a command, or of all (''). */
  help(command: string): void;
  /** Ask for the current and a new password (`/password`), then change it. */
  password(keepSessions: boolean): void;
  /** Lines went to the outbox: follow the conversation again. */
  sent(): void;
  /** A new connection starts (a join): what was marked read or typed belongs to the last one. */
  connecting(): void;
}

/** The parts a session is built from. */
export interface PageSessionParts {
  readonly store: Store<PageState, PageAction>;
  readonly url: string;
  readonly socketFactory: SocketFactory;
  readonly clock: Clock;
  readonly client: { readonly name: string; readonly version: string };
  readonly loadCommands: () => Promise<CommandsPart>;
  readonly hooks: SessionHooks;
  /** How the first join is tried (a stored log-in, or as a guest). */
  readonly attempt?: JoinAttempt;
  /** The preferences this browser kept as a guest, which a sign-up hands to the new account. */
  readonly guestPrefs?: () => NotifyPrefs;
}

/** A join as the join screen asks for it. */
export interface JoinRequest {
  readonly attempt: JoinAttempt;
  readonly nick: string;
  readonly room: string;
  /** To log in or sign up with first. */
  readonly password?: string;
}

/** The page's session; see {@link createPageSession}. */
export interface PageSession {
  /** Changes the state; a direct conversation opened with nothing in it asks for its latest messages. */
  dispatch(action: PageAction): void;
  /** Joins as asked: a new connection, after logging in or signing up when there is a password. */
  join(request: JoinRequest): void;
  /** Forgets the stored log-in (the join screen's "not you?"). */
  forgetSession(): void;
  /**
   * Runs a composer line and says why it cannot be carried out, if so: a plain line is said at
   * once; a command waits for the commands part the first time, and the lines typed meanwhile too.
   */
  submit(text: string): Refusal | undefined | Promise<Refusal | undefined>;
  /** Writes a request through the connection now, or says why it cannot be sent. */
  whenOnline(write: (connection: ChatConnection) => void): void;
  /** Asks for the page of history before what a conversation shows. */
  loadOlder(key: string): void;
  /** Sends a refused line again, in its place. */
  retry(cid: string): void;
  /** The engine's connection of the current join, if any. */
  connection(): ChatConnection | undefined;
}

/** Builds the session over the page's store. */
export function createPageSession(parts: PageSessionParts): PageSession {
  const { store, hooks } = parts;
  let attempt: JoinAttempt = parts.attempt ?? 'guest';
  let connection: Connection | undefined;
  let unsubscribe: (() => void) | undefined;
  /** Targets whose missed messages are being replayed after a reconnect. */
  const replaying = new Set<string>();
  let commands: CommandsPart | undefined;
  let loading: Promise<void> | undefined;
  /** The last line waiting for the commands part to load: the lines after it wait behind it. */
  let queue: Promise<unknown> | undefined;
  const now = () => parts.clock.now();
  const notice = (text: string, tone: 'info' | 'error') =>
    dispatch({ type: 'notice', text, tone, now: now() });

  function dispatch(action: PageAction): void {
    store.dispatch(action);
    if (action.type !== 'open-dm') return;
    const { chat } = store.getState();
    if (chat.targets[chat.current]?.items.length === 0) loadOlder(chat.current);
  }

  function connect(password?: string): void {
    drop();
    const { wanted, session } = store.getState();
    const next = new Connection({
      url: parts.url,
      nick: wanted.nick,
      ...(session ? { session: { account: session.account, token: session.token } } : {}),
      rooms: wanted.rooms,
      client: parts.client,
      socketFactory: parts.socketFactory,
      clock: parts.clock,
    });
    unsubscribe = next.subscribe(onEvent);
    connection = next;
    hooks.connecting();
    if (password !== undefined) {
      if (attempt === 'signup')
        next.register(wanted.nick, password, handedOverPrefs(parts.guestPrefs?.() ?? NO_PREFS));
      else next.login(wanted.nick, password);
    }
    next.start();
  }

  /** Closes the current connection without hearing from it again. */
  function drop(): void {
    unsubscribe?.();
    unsubscribe = undefined;
    connection?.close();
    connection = undefined;
  }

  function onEvent(event: ConnectionEvent): void {
    if (event.type === 'bad-frame') {
      // Never breaks the page: the frame is dropped and noted for whoever debugs the server,
      // quietly, as a server that floods odd frames must not flood the console too.
      console.debug(`aurora: ignored a frame from the server (${event.error.code}): ${event.error.message}`);
      return;
    }
    const before = store.getState();
    if (event.type === 'server' && event.message.type === 'welcome') noteReplays(before);
    const outcome = eventActions(event, before, attempt, now());
    for (const action of outcome.actions) dispatch(action);
    if (outcome.close) drop();
    if (event.type !== 'server') return;
    const message = event.message;
    if (message.type === 'logged_out') drop();
    else if (message.type === 'welcome') {
      // From now on every reconnect says hello with the stored token, if there is one.
      attempt = store.getState().session ? 'session' : 'guest';
      hooks.welcomed(message);
    } else if (message.type === 'resumed') replaying.delete(targetOfWire(message.target));
    else if (message.type === 'message') {
      const place = messagePlace(message, store.getState().chat.me);
      hooks.arrived(message, before, place !== undefined && replaying.has(place.target));
    }
  }

  /** A reconnect replays what each room and conversation missed. */
  function noteReplays(state: PageState): void {
    replaying.clear();
    if (state.screen !== 'chat') return;
    for (const target of Object.values(state.chat.targets))
      if (target.kind === 'room' || target.items.length > 0) replaying.add(target.key);
  }

  function whenOnline(write: (connection: ChatConnection) => void): void {
    if (connection && isOnline(store.getState())) write(connection);
    else notice('Not connected. Try again once the connection is back.', 'error');
  }

  /** Hands a line to the engine's outbox, which keeps it until the server stores it. */
  function sendLine(line: PlannedLine): void {
    const outgoing = connection?.send(line.kind, line.to, line.text, line.replyTo);
    if (outgoing) dispatch({ type: 'sent', outgoing });
  }

  function loadOlder(key: string): void {
    const frame = olderPageRequest(store.getState(), key);
    if (frame && connection) {
      connection.history(frame.target, frame.before, frame.limit, frame.ref);
      dispatch({ type: 'older-requested', target: key });
    }
  }

  /** Applies a command's plan: state changes, lines to the outbox, requests, the parts it opens. */
  function carryOut(plan: CommandPlan): Refusal | undefined {
    if (plan.error !== undefined) return plan.forget ? { error: plan.error, forget: true } : plan.error;
    for (const action of plan.actions) dispatch(action);
    for (const line of plan.lines ?? []) sendLine(line);
    // Requests come only from commands, so the commands part is there to write them.
    for (const frame of plan.frames) whenOnline((c) => commands?.sendRequest(c, frame));
    if (plan.search !== undefined) hooks.search(plan.search);
    if (plan.goto !== undefined) hooks.goTo(plan.goto.wire, plan.goto.seq);
    if (plan.prefs !== undefined) hooks.prefs(plan.prefs, activeTarget(store.getState())?.key);
    if (plan.help !== undefined) hooks.help(plan.help);
    if (plan.password !== undefined) hooks.password(plan.password.keepSessions);
    if (plan.quit) {
      drop();
      dispatch({ type: 'quit' });
    }
    if (plan.lines?.length) hooks.sent();
    return undefined;
  }

  return {
    dispatch,
    join(joining) {
      attempt = joining.attempt;
      dispatch({ type: 'join-asked', nick: joining.nick, room: joining.room });
      connect(joining.password);
    },
    forgetSession() {
      attempt = 'guest';
      dispatch({ type: 'forget-session' });
    },
    submit(text) {
      if (text.trim() === '') return undefined;
      // Spaces before a `/` make a line text, but the parser still refuses one holding a password.
      const command = text.trimStart().startsWith('/');
      const run = () =>
        carryOut(
          command ? commands!.planLine(text, store.getState(), now()) : sayPlan(store.getState(), text),
        );
      if (!queue && (commands || !command)) return run();
      // Loaded once; a load that failed is tried again with the next command.
      loading ??= parts.loadCommands().then(
        (part) => {
          commands = part;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      const load = loading;
      const done = (queue ?? Promise.resolve()).then(() => load).then(run, (error: unknown) => String(error));
      queue = done;
      void done.finally(() => {
        if (queue === done) queue = undefined;
      });
      return done;
    },
    whenOnline,
    loadOlder,
    retry(cid) {
      for (const target of Object.values(store.getState().chat.targets)) {
        const failed = target.pending.find((p) => p.outgoing.cid === cid && p.state === 'failed');
        if (!failed || !connection) continue;
        const { kind, target: to, text, replyTo } = failed.outgoing;
        dispatch({ type: 'resent', cid, outgoing: connection.send(kind, to, text, replyTo) });
        return;
      }
    },
    connection: () => connection,
  };
}
