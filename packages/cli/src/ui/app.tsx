import { passwordPromptLabel } from 'aurora-client';
import { sanitizeForTerminal, utf8Length } from 'aurora-protocol';
import { Box, Text, useApp } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { CliError, CliErrorCode } from '../cli/cli-error.js';
import type { NotificationText } from '../core/notify/index.js';
import { truncate } from '../core/wrap.js';
import { useArrivals, useChatState } from './chat-context.js';
import { InputBox, inputBoxLayout, useInputBox } from './input-box/index.js';
import { MessagePane } from './message-pane/index.js';
import { SearchView, useSearchView, useSearchViewKeys } from './search-view/index.js';
import { SidePanel } from './side-panel/index.js';
import { StatusLine, targetName } from './status-line/index.js';
import { TypingLine } from './typing-line/index.js';
import { useUi } from './ui-context.js';
import { useAppKeys } from './use-app-keys.js';
import { useBell } from './use-bell.js';
import { useNotifications } from './use-notifications.js';
import { useTerminalFocus } from './use-terminal-focus.js';
import { type TerminalSize, useTerminalSize } from './use-terminal-size.js';
import { useTerminalTitle } from './use-terminal-title.js';

/** Props of {@link App}. */
export interface AppProps {
  /** Rings the terminal bell. */
  readonly ring: () => void;
  /** Sends a desktop notification through the terminal; absent with `--notify off`. */
  readonly notify?: (text: NotificationText) => void;
  /** Sets the terminal's title (unread count and place); absent with `--title off`. */
  readonly title?: (text: string) => void;
  /** Pins the terminal size (tests); otherwise it follows the terminal. */
  readonly size?: TerminalSize;
}

/**
 * The screen: status line, messages beside the side panel, the typing line, the input. It is one row
 * shorter than the terminal, because Ink redraws the whole screen on every change once its output
 * fills the terminal.
 */
export function App({ ring, notify, title, size }: AppProps) {
  const { columns, rows } = useTerminalSize(size);
  const state = useChatState();
  const { bell, server, clock } = useUi();
  const { exit } = useApp();
  const [search] = useSearchView();
  const input = useInputBox(!search.open);
  const [panel, setPanel] = useState<boolean | undefined>(undefined);
  const [numbers, setNumbers] = useState(false);
  useAppKeys(
    () => setPanel((shown) => !(shown ?? columns >= 80)),
    !search.open,
    () => setNumbers((shown) => !shown),
  );
  const searchRows = useRef(1);
  useSearchViewKeys(() => searchRows.current);
  useBell(state.alerts, bell, ring);
  useTerminalTitle(state, title);
  const focus = useTerminalFocus();
  useNotifications(
    useArrivals(),
    { me: state.me, current: state.current, focus, prefs: state.prefs, clock },
    notify,
  );
  useEffect(() => {
    if (state.status.state === 'unreachable')
      exit(new CliError(CliErrorCode.Unreachable, `cannot reach ${server}: ${state.status.message}`));
  }, [state.status, server, exit]);

  const height = rows - 1;
  if (columns < 20 || height < 5)
    return <Text>{truncate('Terminal too small for aurora-chat', columns)}</Text>;
  const target = state.targets[state.current]!;
  const masked = state.prompt !== undefined;
  const label = state.prompt ? sanitizeForTerminal(passwordPromptLabel(state.prompt)) : targetName(target);
  const prompt = `${truncate(label, Math.floor(columns / 3))} › `;
  const panelWidth =
    (panel ?? columns >= 80) && columns >= 40 ? Math.min(28, Math.max(18, Math.floor(columns * 0.22))) : 0;
  const paneWidth = columns - panelWidth;
  const inputLayout = inputBoxLayout(input, prompt, columns, masked);
  const paneHeight = Math.max(1, height - 2 - inputLayout.rows.length);
  searchRows.current = paneHeight - 2;
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <StatusLine width={columns} activity={panelWidth === 0} />
      {search.open ? <SearchView width={columns} height={paneHeight} /> : null}
      {/* Hidden, not unmounted, under the search view: Esc returns to the transcript as it was scrolled. */}
      <Box flexDirection="row" height={paneHeight} display={search.open ? 'none' : 'flex'}>
        <MessagePane width={paneWidth} height={paneHeight} numbers={numbers} />
        {panelWidth > 0 ? <SidePanel width={panelWidth} height={paneHeight} /> : null}
      </Box>
      <TypingLine width={columns} inputBytes={masked ? 0 : utf8Length(input.value)} />
      <InputBox layout={inputLayout} prompt={prompt} width={columns} top={1 + paneHeight + 1} />
    </Box>
  );
}
