import { historyEntry } from 'aurora-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { graphemes, isSureBoundary } from '../../core/wrap.js';
import { type Completion, type CompletionSources, completionsFor } from './completion.js';

/** The input line: its text, the cursor (an index into the text, on a grapheme boundary), history. */
export interface InputState {
  readonly value: string;
  readonly cursor: number;
  /** Sent lines, oldest first, as the engine's `historyEntry` keeps them (no passwords). */
  readonly history: readonly string[];
  /** Which history entry is shown, or undefined when editing a new line. */
  readonly historyIndex: number | undefined;
  /** The new line being edited while history is browsed. */
  readonly draft: string;
  readonly completion: Completion | undefined;
}

/** Every edit the input understands. */
export type InputAction =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'delete' }
  | { readonly type: 'left' }
  | { readonly type: 'right' }
  | { readonly type: 'word-left' }
  | { readonly type: 'word-right' }
  | { readonly type: 'line-start' }
  | { readonly type: 'line-end' }
  | { readonly type: 'delete-word-before' }
  | { readonly type: 'delete-word-after' }
  | { readonly type: 'delete-to-start' }
  | { readonly type: 'delete-to-end' }
  | { readonly type: 'up' }
  | { readonly type: 'down' }
  | { readonly type: 'complete'; readonly sources: CompletionSources; readonly reverse: boolean }
  | { readonly type: 'submitted' }
  | { readonly type: 'clear' };

/** How many sent lines Up can bring back. */
export const HISTORY_LIMIT = 500;

/** An empty input. */
export const emptyInput: InputState = {
  value: '',
  cursor: 0,
  history: [],
  historyIndex: undefined,
  draft: '',
  completion: undefined,
};

/** The pure reducer of the input line (tested without Ink). */
export function inputReducer(state: InputState, action: InputAction): InputState {
  const { value, cursor } = state;
  switch (action.type) {
    case 'insert':
      return edit(
        state,
        value.slice(0, cursor) + action.text + value.slice(cursor),
        cursor + action.text.length,
      );
    case 'backspace': {
      const at = previousBoundary(value, cursor);
      return edit(state, value.slice(0, at) + value.slice(cursor), at);
    }
    case 'delete':
      return edit(state, value.slice(0, cursor) + value.slice(nextBoundary(value, cursor)), cursor);
    case 'left':
      return move(state, previousBoundary(value, cursor));
    case 'right':
      return move(state, nextBoundary(value, cursor));
    case 'word-left':
      return move(state, wordStart(value, cursor));
    case 'word-right':
      return move(state, wordEnd(value, cursor));
    case 'line-start':
      return move(state, value.lastIndexOf('\n', cursor - 1) + 1);
    case 'line-end':
      return move(state, lineEnd(value, cursor));
    case 'delete-word-before': {
      const at = wordStart(value, cursor);
      return edit(state, value.slice(0, at) + value.slice(cursor), at);
    }
    case 'delete-word-after':
      return edit(state, value.slice(0, cursor) + value.slice(wordEnd(value, cursor)), cursor);
    case 'delete-to-start':
      return edit(state, value.slice(cursor), 0);
    case 'delete-to-end':
      return edit(state, value.slice(0, cursor), cursor);
    case 'up':
      return value.lastIndexOf('\n', cursor - 1) >= 0
        ? move(state, verticalMove(value, cursor, -1))
        : browse(state, -1);
    case 'down':
      return value.indexOf('\n', cursor) >= 0
        ? move(state, verticalMove(value, cursor, 1))
        : browse(state, 1);
    case 'complete':
      return complete(state, action.sources, action.reverse);
    case 'submitted': {
      const entry = historyEntry(value);
      const history =
        entry !== undefined && state.history.at(-1) !== entry ? [...state.history, entry] : state.history;
      return { ...emptyInput, history: history.slice(-HISTORY_LIMIT) };
    }
    case 'clear':
      return { ...state, value: '', cursor: 0, historyIndex: undefined, completion: undefined };
  }
}

/**
 * The least time between two draws of the input while edits keep coming. A terminal hands a paste
 * over in reads of 4 KB; drawing after each would redraw a 100 KB paste 25 times, and the screen
 * only needs the last.
 */
export const DRAW_INTERVAL_MS = 16;

/**
 * The input reducer as a hook. `apply` returns the new state at once: several key events can arrive
 * in one chunk ("hello" then Enter), and Enter must see the text typed just before it. The screen
 * follows at once for a key typed after a pause, and at most every {@link DRAW_INTERVAL_MS} while
 * edits pour in.
 */
export function useInputBoxState(): [InputState, (action: InputAction) => InputState, () => InputState] {
  const latest = useRef(emptyInput);
  const [state, setState] = useState(emptyInput);
  const drawnAt = useRef(Number.NEGATIVE_INFINITY);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const apply = useCallback((action: InputAction) => {
    latest.current = inputReducer(latest.current, action);
    if (pending.current === undefined) {
      const draw = () => {
        pending.current = undefined;
        setState(latest.current);
        // After the draw: a slow draw must not leave the next read no time to join the one after.
        drawnAt.current = performance.now();
      };
      const wait = drawnAt.current + DRAW_INTERVAL_MS - performance.now();
      if (wait <= 0) draw();
      else pending.current = setTimeout(draw, wait);
    }
    return latest.current;
  }, []);
  const current = useCallback(() => latest.current, []);
  return [state, apply, current];
}

function edit(state: InputState, value: string, cursor: number): InputState {
  return { ...state, value, cursor, completion: undefined, historyIndex: undefined };
}

function move(state: InputState, cursor: number): InputState {
  return { ...state, cursor, completion: undefined };
}

function browse(state: InputState, direction: -1 | 1): InputState {
  const { history } = state;
  if (history.length === 0) return state;
  const current = state.historyIndex ?? history.length;
  const next = Math.min(history.length, Math.max(0, current + direction));
  if (next === current) return state;
  const draft = state.historyIndex === undefined ? state.value : state.draft;
  const value = next === history.length ? draft : history[next]!;
  return {
    ...state,
    value,
    cursor: value.length,
    draft,
    historyIndex: next === history.length ? undefined : next,
    completion: undefined,
  };
}

function complete(state: InputState, sources: CompletionSources, reverse: boolean): InputState {
  const { completion } = state;
  if (completion) {
    const n = completion.matches.length;
    const index = (((completion.index + (reverse ? -1 : 1)) % n) + n) % n;
    const current = completion.matches[completion.index]!;
    const next = completion.matches[index]!;
    const end = completion.start + current.length;
    const value = state.value.slice(0, completion.start) + next + state.value.slice(end);
    return { ...state, value, cursor: completion.start + next.length, completion: { ...completion, index } };
  }
  const found = completionsFor(state.value, state.cursor, sources);
  if (!found) return state;
  const index = reverse ? found.matches.length - 1 : 0;
  const first = found.matches[index]!;
  const value = state.value.slice(0, found.start) + first + state.value.slice(state.cursor);
  return {
    ...state,
    value,
    cursor: found.start + first.length,
    completion: { start: found.start, matches: found.matches, index },
  };
}

/** The index of the grapheme boundary before `at`. */
function previousBoundary(value: string, at: number): number {
  if (at <= 0) return 0;
  // Segmenting from the start would make every Backspace in a long paste cost the whole paste.
  let from = at - 1;
  while (from > 0 && !isSureBoundary(value, from)) from--;
  const found = graphemes(value.slice(from, at));
  return at - (found.at(-1)?.length ?? 1);
}

/** The index of the grapheme boundary after `at`. */
function nextBoundary(value: string, at: number): number {
  if (at >= value.length) return value.length;
  const [first] = graphemes(value.slice(at, at + 64));
  return at + (first?.length ?? 1);
}

function wordStart(value: string, at: number): number {
  let i = at;
  while (i > 0 && /\s/.test(value[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(value[i - 1]!)) i--;
  return i;
}

function wordEnd(value: string, at: number): number {
  let i = at;
  while (i < value.length && /\s/.test(value[i]!)) i++;
  while (i < value.length && !/\s/.test(value[i]!)) i++;
  return i;
}

function lineEnd(value: string, at: number): number {
  const end = value.indexOf('\n', at);
  return end === -1 ? value.length : end;
}

/** Moves the cursor one line up or down, keeping the column (in code units) where it can. */
function verticalMove(value: string, at: number, direction: -1 | 1): number {
  const start = value.lastIndexOf('\n', at - 1) + 1;
  const column = at - start;
  if (direction < 0) {
    const previousStart = value.lastIndexOf('\n', start - 2) + 1;
    return snap(value, Math.min(previousStart + column, start - 1));
  }
  const nextStart = lineEnd(value, at) + 1;
  return snap(value, Math.min(nextStart + column, lineEnd(value, nextStart)));
}

/** Moves an index that fell inside a grapheme (an emoji, say) to the grapheme's start. */
function snap(value: string, at: number): number {
  const start = previousBoundary(value, at);
  return nextBoundary(value, start) === at ? at : start;
}
