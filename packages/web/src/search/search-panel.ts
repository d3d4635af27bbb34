import { createTimeFormat, type SearchOptions } from 'aurora-client';
import type { SearchHit, ServerMessageOf } from 'aurora-protocol';
import { h } from '../ui/dom.js';
import { resultItem } from './result-item.js';
import { CLOSED, failureText, type SearchAction, searchReducer, statusText } from './search-state.js';

/** Results asked for at once: a screenful or two, as the terminal asks. */
const PAGE = 50;
/** How close to the end of the results (px) scrolling brings the next page. */
const MORE_WITHIN = 300;
/** What the query language is, under the field. */
const SYNTAX =
  'Words, "a phrase", prefix*, from:name, in:#room or in:@name, before: and after:2026-01-31. Ctrl+K opens this anywhere.';

/** What the panel needs from the page. */
export interface PanelDeps {
  /** Asks the server for a page of results (the engine's `Connection.search`). */
  search(query: string, options: SearchOptions): Promise<ServerMessageOf<'search_results'>>;
  /** Goes to a result's message. */
  jump(hit: SearchHit): void;
  /** Where focus goes on closing when what had it is gone. */
  focusComposer(): void;
}

/** The search panel: a form, what it found, and the results to choose from. */
export interface SearchPanel {
  readonly element: HTMLElement;
  /** Shows the panel, searching for `query` when one is given (`/search QUERY`). */
  open(query?: string): void;
  /** Hides the panel; focus goes back to where it was when it is in the panel. */
  close(): void;
}

/**
 * Creates the panel. It covers the conversation while open: Enter searches, ↓ goes into the
 * results, ↑/↓/Home/End/PageUp/PageDown move between them, Enter or a click jumps to one, Escape
 * closes and returns to the conversation as it was. More results load at the end of the list.
 */
export function createSearchPanel(deps: PanelDeps): SearchPanel {
  const input = h('input', {
    type: 'search',
    id: 'search-input',
    name: 'query',
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    placeholder: 'Search messages',
    'aria-describedby': 'search-syntax',
  });
  const close = h('button', { type: 'button', class: 'search-close', title: 'Close search (Esc)' }, 'Close');
  const form = h(
    'form',
    { class: 'search-form', role: 'search' },
    h('label', { for: 'search-input', class: 'visually-hidden' }, 'Search messages'),
    input,
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
    close,
  );
  const status = h('p', { class: 'search-status', role: 'status' });
  const error = h('p', { class: 'search-error', role: 'alert' });
  const results = h('ol', { class: 'search-results', 'aria-label': 'Search results' });
  const more = h('button', { type: 'button', class: 'link-button search-more', hidden: true });
  const scroller = h('div', { class: 'search-scroll' }, results, more);
  const element = h(
    'section',
    { class: 'search-panel', 'aria-label': 'Search messages', hidden: true },
    form,
    h('p', { class: 'search-syntax', id: 'search-syntax' }, SYNTAX),
    status,
    error,
    scroller,
  );
  const time = createTimeFormat();
  const date = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  let state = CLOSED;
  let shownHits: readonly SearchHit[] = [];
  /** What had focus before the panel opened, to give it back on Escape. */
  let returnTo: HTMLElement | undefined;

  const dispatch = (action: SearchAction) => {
    const previous = state;
    state = searchReducer(state, action);
    if (state === previous) return;
    if (state.loading && state.loading !== previous.loading) ask(state.query, state.loading);
    render();
  };

  function ask(query: string, request: NonNullable<typeof state.loading>): void {
    const options = { limit: PAGE, ...(request.before === undefined ? {} : { before: request.before }) };
    deps.search(query, options).then(
      (page) =>
        dispatch({
          type: 'page',
          id: request.id,
          hits: page.results,
          ...(page.next ? { next: page.next } : {}),
        }),
      (failure: unknown) =>
        dispatch({
          type: 'failed',
          id: request.id,
          code: (failure as { code?: string }).code ?? 'failed',
          message: failure instanceof Error ? failure.message : String(failure),
        }),
    );
  }

  const buttons = () => results.querySelectorAll<HTMLButtonElement>('.hit');
  const focusSelected = () => buttons()[state.selected]?.focus();

  // Live regions read out what changes: the same words are not written again.
  const say = (where: HTMLElement, text: string) => {
    if (where.textContent !== text) where.textContent = text;
  };

  function render(): void {
    element.hidden = !state.open;
    say(status, statusText(state));
    say(error, state.failure ? failureText(state.failure) : '');
    input.setAttribute('aria-invalid', String(state.failure?.code === 'bad_query'));
    results.setAttribute('aria-busy', String(state.loading !== undefined));
    if (state.hits !== shownHits) {
      // Pages add to the end; a new search starts the list again.
      const kept = shownHits.length > 0 && state.hits[0] === shownHits[0] ? shownHits.length : 0;
      if (kept === 0) results.replaceChildren();
      const context = { time, date, now: Date.now() };
      for (const hit of state.hits.slice(kept)) results.appendChild(resultItem(hit, context));
      shownHits = state.hits;
    }
    buttons().forEach((button, i) => {
      button.tabIndex = i === state.selected ? 0 : -1;
    });
    more.hidden = state.next === undefined;
    more.disabled = state.loading !== undefined;
    say(more, state.loading ? 'Loading more results…' : 'Load more results');
  }

  function hide(): void {
    const hadFocus = element.contains(document.activeElement);
    dispatch({ type: 'close' });
    if (!hadFocus) return;
    if (returnTo?.isConnected && returnTo.offsetParent !== null) returnTo.focus();
    else deps.focusComposer();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dispatch({ type: 'search', query: input.value });
  });
  close.addEventListener('click', hide);
  more.addEventListener('click', () => dispatch({ type: 'more', retry: true }));
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    // The chat screen would also take Escape, to close a drawer and focus the composer.
    event.preventDefault();
    event.stopPropagation();
    hide();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' || state.hits.length === 0) return;
    event.preventDefault();
    focusSelected();
  });
  results.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('.hit');
    const hit = state.hits[[...buttons()].indexOf(button as HTMLButtonElement)];
    if (!hit) return;
    dispatch({ type: 'close' });
    deps.jump(hit);
  });
  results.addEventListener('focusin', (event) => {
    const index = [...buttons()].indexOf(event.target as HTMLButtonElement);
    if (index >= 0) dispatch({ type: 'select', index });
  });
  results.addEventListener('keydown', (event) => {
    const moves: Record<string, number> = {
      ArrowDown: state.selected + 1,
      ArrowUp: state.selected - 1,
      PageDown: state.selected + 10,
      PageUp: state.selected - 10,
      Home: 0,
      End: state.hits.length - 1,
    };
    const index = moves[event.key];
    if (index === undefined) return;
    event.preventDefault();
    // Up from the first result goes back to the field.
    if (index < 0 && event.key === 'ArrowUp') input.focus();
    else {
      dispatch({ type: 'select', index });
      focusSelected();
    }
  });
  scroller.addEventListener(
    'scroll',
    () => {
      if (scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < MORE_WITHIN)
        dispatch({ type: 'more' });
    },
    { passive: true },
  );

  return {
    element,
    open(query) {
      if (!element.contains(document.activeElement))
        returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
      dispatch({ type: 'open' });
      if (query !== undefined) {
        input.value = query;
        dispatch({ type: 'search', query });
      }
      input.focus();
      input.select();
    },
    close: hide,
  };
}
