import type { ChatConnection } from 'aurora-client';
import { useApp } from 'ink';
import type { GuestPrefs } from '../core/guest-prefs.js';
import type { NotificationText } from '../core/notify/index.js';
import { App } from './app.js';
import { ChatProvider } from './chat-context.js';
import { SearchViewProvider } from './search-view/index.js';
import { UiProvider, type UiSettings } from './ui-context.js';
import type { ChatCredentials } from './use-chat-session.js';
import type { TerminalSize } from './use-terminal-size.js';

/** Props of {@link ChatApp}. */
export interface ChatAppProps {
  readonly connection: ChatConnection;
  readonly nick: string;
  readonly ui: UiSettings;
  readonly ring: () => void;
  /** Sends a desktop notification through the terminal; absent with `--notify off`. */
  readonly notify?: (text: NotificationText) => void;
  /** Sets the terminal's title; absent with `--title off`. */
  readonly title?: (text: string) => void;
  readonly size?: TerminalSize;
  /** Keep log-ins in the credentials file (the real client does; tests and benchmarks need not). */
  readonly credentials?: ChatCredentials;
  /** Keep a guest's notification preferences (the real client keeps them in its config folder). */
  readonly guestPrefs?: GuestPrefs;
}

/** The whole interactive client: providers around the screen. */
export function ChatApp(props: ChatAppProps) {
  const { connection, nick, ui, ring, notify, title, size, credentials, guestPrefs } = props;
  const { exit } = useApp();
  return (
    <UiProvider value={ui}>
      <SearchViewProvider>
        <ChatProvider
          connection={connection}
          nick={nick}
          clock={ui.clock}
          onQuit={() => exit()}
          {...(credentials ? { credentials } : {})}
          {...(guestPrefs ? { guestPrefs } : {})}
        >
          <App
            ring={ring}
            {...(notify ? { notify } : {})}
            {...(title ? { title } : {})}
            {...(size ? { size } : {})}
          />
        </ChatProvider>
      </SearchViewProvider>
    </UiProvider>
  );
}
