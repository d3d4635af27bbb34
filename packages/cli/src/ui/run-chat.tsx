import { createTimeFormat, systemClock } from 'aurora-client';
import { render } from 'ink';
import { connectionFor, type ScriptCredentials } from '../cli/script-session.js';
import type { Settings } from '../cli/settings.js';
import { createTheme, noColourRequested } from '../core/theme.js';
import { wsSocketFactory } from '../core/ws-socket.js';
import { ChatApp } from './chat-app.js';
import { limitHeapGrowth } from './heap-growth.js';

// The alternate screen keeps the chat out of the shell's scrollback; bracketed paste marks pasted
// text so that a pasted block becomes one message instead of one message per line.
const ENTER = '\x1b[?1049h\x1b[H\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?1049l';

/**
 * Runs the interactive client until the user quits, as the stored account when logged in; rejects
 * with a CliError if it cannot start.
 */
export async function runChat(settings: Settings, credentials: ScriptCredentials): Promise<void> {
  limitHeapGrowth();
  const stdout = process.stdout;
  const connection = connectionFor(settings, settings.rooms, wsSocketFactory, credentials.session);
  const ui = {
    // chalk follows FORCE_COLOR but not NO_COLOR (https://no-color.org), so that one is checked here.
    theme: createTheme({ hyperlinks: settings.hyperlinks, colour: !noColourRequested(process.env) }),
    time: createTimeFormat(),
    clock: systemClock,
    server: settings.server,
    bell: settings.bell,
  };
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE);
  };
  stdout.write(ENTER);
  process.once('exit', restore);
  const instance = render(
    <ChatApp
      connection={connection}
      nick={settings.nick}
      ui={ui}
      ring={() => stdout.write('\x07')}
      credentials={{ store: credentials.store, url: settings.url }}
    />,
    { exitOnCtrlC: false, patchConsole: true },
  );
  const stop = () => instance.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    instance.cleanup();
    restore();
  }
}
