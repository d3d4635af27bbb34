import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { decodeInput, type InputEvent } from './decode-key.js';

/**
 * Calls `handler` for every key press, text run and paste. It listens to the raw chunks Ink's input
 * parser emits (Ink's `useInput` folds Backspace into Delete and drops paste markers, which a chat
 * input cannot afford) and decodes them with {@link decodeInput}. Raw mode is on while mounted.
 */
export function useKeypress(handler: (event: InputEvent) => void, active = true): void {
  const { internal_eventEmitter: emitter, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;

  useEffect(() => {
    if (!active || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [active, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!active) return;
    const onInput = (raw: string) => {
      for (const event of decodeInput(raw)) latest.current(event);
    };
    emitter.on('input', onInput);
    return () => {
      emitter.off('input', onInput);
    };
  }, [active, emitter]);
}
