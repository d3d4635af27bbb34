import { homedir } from 'node:os';
import { createTimeFormat, systemClock } from 'aurora-client';
import { render } from 'ink';
import { connectionFor, type ScriptCredentials } from '../cli/script-session.js';
import type { Settings } from '../cli/settings.js';
import { GuestPrefsFile, guestPrefsPath } from '../core/guest-prefs.js';
import {
  encodeNotification,
  type NotificationText,
  readTerminalIdentity,
  resolveNotifyKind,
} from '../core/notify/index.js';
import { encodeTitle, TITLE_RESTORE, TITLE_SAVE } from '../core/terminal-title.js';
import { createTheme, noColourRequested } from '../core/theme.js';
import { wsSocketFactory } from '../core/ws-socket.js';
import { ChatApp } from './chat-app.js';
import { limitHeapGrowth } from './heap-growth.js';

// The alternate screen keeps the chat out of the shell's scrollback; bracketed paste marks pasted
// text so that a pasted block becomes one message instead of one message per line.
const ENTER = '\x1b[?1049h\x1b[H\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?1049l';
// Focus reporting (the terminal sends CSI I and CSI O as it gains and loses focus), on only while
// notifications are: they skip the room on screen while the terminal has focus.
const FOCUS_ON = '\x1b[?1004h';
const FOCUS_OFF = '\x1b[?1004l';

/**
 * Runs the interactive client until the user quits, as the stored account when logged in; rejects
 * with a CliError if it cannot start.
 */
export async function runChat(settings: Settings, credentials: ScriptCredentials): Promise<void> {
  limitHeapGrowth();
  const stdout = process.stdout;
  // Under tmux, asking tmux who the terminal is takes a subprocess: only for `auto`.
  const identity =
    settings.notify === 'auto' ? await readTerminalIdentity(process.env) : { env: process.env };
  const kind = resolveNotifyKind(settings.notify, identity, settings.bell);
  const tmux = Boolean(process.env.TMUX);
  let sent = 0;
  // Written straight to the terminal between Ink's frames, as the bell is: the escape prints
  // nothing and moves no cursor, so Ink's idea of the screen stays true.
  const notify =
    kind === 'off'
      ? undefined
      : (text: NotificationText) =>
          stdout.write(encodeNotification(kind, text, { tmux, id: `aurora-${process.pid}-${++sent}` }));
  // The title from before is pushed on the terminal's title stack and popped on every way out, as
  // focus reporting is turned off; under tmux that is the pane's title (tmux 3.x keeps the stack).
  const titled = settings.title === 'on';
  const enter = (titled ? TITLE_SAVE : '') + (kind === 'off' ? ENTER : ENTER + FOCUS_ON);
  const leave = (kind === 'off' ? LEAVE : FOCUS_OFF + LEAVE) + (titled ? TITLE_RESTORE : '');
  const connection = connectionFor(settings, settings.rooms, wsSocketFactory, credentials.session);
  const ui = {
    // chalk follows FORCE_COLOR but not NO_COLOR (https://no-color.org), so that one is checked here.
    theme: createTheme({ hyperlinks: settings.hyperlinks, colour: !noColourRequested(process.env) }),
    time: createTimeFormat(),
    clock: systemClock,
    server: settings.server,
    bell: settings.bell,
    quietJoins: settings.quietJoins,
  };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(leave);
  };
  stdout.write(enter);
  // 'exit' also comes after an uncaught exception, so a crash leaves the terminal as it found it.
  process.once('exit', restore);
  const instance = render(
    <ChatApp
      connection={connection}
      nick={settings.nick}
      ui={ui}
      ring={() => stdout.write('\x07')}
      {...(notify ? { notify } : {})}
      {...(titled ? { title: (text: string) => stdout.write(encodeTitle(text)) } : {})}
      credentials={{ store: credentials.store, url: settings.url }}
      guestPrefs={new GuestPrefsFile(guestPrefsPath(process.env, homedir())).forServer(settings.url)}
    />,
    { exitOnCtrlC: false, patchConsole: true },
  );
  const stop = () => instance.unmount();
  // Ctrl+C is a key in raw mode (it clears the input, or quits); SIGINT comes from `kill -INT`, or
  // from Ctrl+C before raw mode is on. Without a handler Node would die without 'exit'.
  const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
  for (const signal of signals) process.once(signal, stop);
  try {
    await instance.waitUntilExit();
  } finally {
    for (const signal of signals) process.off(signal, stop);
    instance.cleanup();
    restore();
  }
}
