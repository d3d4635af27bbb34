import { createTimeFormat, DEFAULT_QUIET_JOINS } from 'aurora-client';
import type { FakeSocket } from 'aurora-client/testing';
import { testConnection } from 'aurora-client/testing';
import type { ClientMessage, ServerMessage } from 'aurora-protocol';
import { ManualClock, welcome } from 'aurora-testkit';
import { Chalk } from 'chalk';
import { render } from 'ink-testing-library';
import type { BellMode } from '../core/config.js';
import type { GuestPrefs } from '../core/guest-prefs.js';
import type { NotificationText } from '../core/notify/index.js';
import { createTheme } from '../core/theme.js';
import { ChatApp } from '../ui/chat-app.js';
import type { TerminalSize } from '../ui/use-terminal-size.js';

/** Raw key sequences, as a terminal sends them. */
export const KEYS = {
  enter: '\r',
  altEnter: '\x1b\r',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  shiftUp: '\x1b[1;2A',
  shiftDown: '\x1b[1;2B',
  ctrlLeft: '\x1b[1;5D',
  ctrlRight: '\x1b[1;5C',
  altLeft: '\x1b[1;3D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  f2: '\x1bOQ',
  ctrlA: '\x01',
  ctrlC: '\x03',
  ctrlE: '\x05',
  ctrlJ: '\n',
  ctrlU: '\x15',
  ctrlW: '\x17',
  /** Focus reports, as a terminal sends them with focus reporting on. */
  focusIn: '\x1b[I',
  focusOut: '\x1b[O',
  alt: (key: string) => `\x1b${key}`,
} as const;

/** Options for {@link renderChat}. */
export interface RenderChatOptions {
  readonly nick?: string;
  readonly rooms?: string[];
  readonly size?: TerminalSize;
  readonly bell?: BellMode;
  /** Collect desktop notifications in `notifications` (the real client writes them as escapes). */
  readonly notify?: boolean;
  /** Collect terminal titles in `titles` (the real client writes them as OSC 2). */
  readonly title?: boolean;
  /** Start logged in as `nick` (a stored session): the server's welcome names the account. */
  readonly loggedIn?: boolean;
  /** Keep retrying a first connection that fails, as `--wait` does. */
  readonly wait?: boolean;
  /** Where a guest's notification preferences are kept (see `memoryGuestPrefs`). */
  readonly guestPrefs?: GuestPrefs;
  /** `--quiet-joins` as a number of members (default: the client's default). */
  readonly quietJoins?: number;
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Renders the whole interactive client with ink-testing-library over the real connection and a fake
 * socket, on a manual clock, without colours, in UTC. The returned `server` plays the server.
 */
export function renderChat(options: RenderChatOptions = {}) {
  const nick = options.nick ?? 'alice';
  const { clock, sockets, connection } = testConnection({
    nick,
    rooms: options.rooms ?? ['dev'],
    clock: new ManualClock(Date.UTC(2026, 2, 3, 12, 30)),
    ...(options.loggedIn ? { session: { account: nick, token: 'stored-token' } } : {}),
    retryFirstConnect: options.wait ?? false,
  });
  const ui = {
    theme: createTheme({ chalk: new Chalk({ level: 0 }) }),
    time: createTimeFormat({ timeZone: 'UTC', locale: 'en-GB' }),
    clock,
    server: 'test:8000',
    bell: options.bell ?? 'mentions',
    quietJoins: options.quietJoins ?? DEFAULT_QUIET_JOINS,
  };
  const bell = { rings: 0 };
  const ring = () => bell.rings++;
  const notifications: NotificationText[] = [];
  const notify = options.notify ? (text: NotificationText) => notifications.push(text) : undefined;
  const titles: string[] = [];
  const title = options.title ? (text: string) => titles.push(text) : undefined;
  const element = (size: TerminalSize) => (
    <ChatApp
      connection={connection}
      nick={nick}
      ui={ui}
      ring={ring}
      {...(notify ? { notify } : {})}
      {...(title ? { title } : {})}
      {...(options.guestPrefs ? { guestPrefs: options.guestPrefs } : {})}
      size={size}
    />
  );
  const app = render(element(options.size ?? { columns: 80, rows: 16 }));
  const socket = (): FakeSocket => sockets.last();
  /** Lets React effects run and Ink draw: waits until the frame stops changing (at most 500 ms). */
  const settle = async () => {
    let frame = app.lastFrame();
    let stable = 0;
    for (let waited = 0; waited < 1000 && stable < 2; waited += 10) {
      await tick(10);
      const next = app.lastFrame();
      stable = next === frame ? stable + 1 : 0;
      frame = next;
    }
  };
  /** The connection starts in an effect after the first render; wait for its socket. */
  const opened = async () => {
    for (let waited = 0; waited < 2000 && sockets.sockets.length === 0; waited += 5) await tick(5);
  };
  const server = {
    /** Accepts the connection and welcomes the user, then sends `frames`. */
    accept: async (...frames: ServerMessage[]) => {
      await opened();
      socket().open();
      socket().deliver(options.loggedIn ? { ...welcome(nick), account: nick } : welcome(nick));
      for (const frame of frames) socket().deliver(frame);
      await settle();
    },
    send: async (...frames: ServerMessage[]) => {
      for (const frame of frames) socket().deliver(frame);
      await settle();
    },
    /** Delivers frames without waiting for the screen (to test what happens in between). */
    sendNow: (...frames: ServerMessage[]) => {
      for (const frame of frames) socket().deliver(frame);
    },
    /** What the client wrote, decoded. */
    received: (): ClientMessage[] => socket().sent,
  };
  return {
    stdin: app.stdin,
    unmount: app.unmount,
    clock,
    sockets,
    server,
    bell,
    /** The desktop notifications sent (with `notify: true`), oldest first. */
    notifications,
    /** The terminal titles written (with `title: true`), oldest first. */
    titles,
    /** The last frame as text. */
    screen: () => app.lastFrame() ?? '',
    settle,
    /** Changes the terminal size, as a resize would. */
    opened,
    resize: async (size: TerminalSize) => {
      app.rerender(element(size));
      await settle();
    },
    /** Types text, then lets the app settle. */
    type: async (text: string) => {
      app.stdin.write(text);
      await settle();
    },
    /** Presses keys one at a time. */
    press: async (...keys: string[]) => {
      for (const key of keys) {
        app.stdin.write(key);
        await settle();
      }
    },
  };
}
