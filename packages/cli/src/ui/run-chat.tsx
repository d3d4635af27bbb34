import { Chalk } from 'chalk';
import { render } from 'ink';
import type { Settings } from '../cli/settings.js';
import { systemClock } from '../core/clock.js';
import { Connection } from '../core/connection.js';
import { createTheme } from '../core/theme.js';
import { createTimeFormat } from '../core/time-format.js';
import { wsSocketFactory } from '../core/ws-socket.js';
import { CLIENT_VERSION } from '../version.js';
import { ChatApp } from './chat-app.js';

// The alternate screen keeps the chat out of the shell's scrollback; bracketed paste marks pasted
// text so that a pasted block becomes one message instead of one message per line.
const ENTER = '\x1b[?1049h\x1b[H\x1b[?2004h';
const LEAVE = '\x1b[?2004l\x1b[?1049l';

/** Runs the interactive client until the user quits; rejects with a CliError if it cannot start. */
export async function runChat(settings: Settings): Promise<void> {
  const stdout = process.stdout;
  const connection = new Connection({
    url: settings.url,
    nick: settings.nick,
    rooms: settings.rooms,
    client: { name: 'aurora-chat', version: CLIENT_VERSION },
    socketFactory: wsSocketFactory,
  });
  const ui = {
    // chalk follows FORCE_COLOR but not NO_COLOR (https://no-color.org), so that one is checked here.
    theme: createTheme({
      hyperlinks: settings.hyperlinks,
      ...(process.env.NO_COLOR ? { chalk: new Chalk({ level: 0 }) } : {}),
    }),
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
    <ChatApp connection={connection} nick={settings.nick} ui={ui} ring={() => stdout.write('\x07')} />,
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
