import type { Clock, QuietJoins, TimeFormat } from 'aurora-client';
import { createContext, type ReactNode, useContext } from 'react';
import type { BellMode } from '../core/config.js';
import type { Theme } from '../core/theme.js';

/** How the views draw: colours, time format, the clock, and the server's name for the status line. */
export interface UiSettings {
  readonly theme: Theme;
  readonly time: TimeFormat;
  readonly clock: Clock;
  /** The server as shown in the status line. */
  readonly server: string;
  readonly bell: BellMode;
  /** Rooms with more members than this hide joins, leaves and renames (`--quiet-joins`; default 50). */
  readonly quietJoins?: QuietJoins;
}

const UiContext = createContext<UiSettings | undefined>(undefined);

/** Provides the UI settings. */
export function UiProvider({
  value,
  children,
}: {
  readonly value: UiSettings;
  readonly children: ReactNode;
}) {
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

/** The UI settings; throws outside a {@link UiProvider}. */
export function useUi(): UiSettings {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi must be used inside <UiProvider>');
  return ui;
}
