import type { ChatState } from 'aurora-client';
import { useEffect, useRef } from 'react';
import type { BellMode } from '../core/config.js';

/** Rings once per update that brought a mention (or, with `all`, any message from someone else). */
export function useBell(alerts: ChatState['alerts'], mode: BellMode, ring: () => void): void {
  const previous = useRef(alerts);
  useEffect(() => {
    const before = previous.current;
    previous.current = alerts;
    if (mode === 'off') return;
    const mentioned = alerts.mentions > before.mentions;
    const spoken = alerts.messages > before.messages;
    if (mentioned || (mode === 'all' && spoken)) ring();
  }, [alerts, mode, ring]);
}
