/**
 * `ref`s the page puts on its requests, so an answer (or an error) can be told apart in the
 * server's log and the engine's events: `/who`, a page of history, a `/join`. What an answer does
 * to the chat is the engine's (a failed history request stops loading there, whatever its ref).
 */
export const COMMAND_REFS = {
  who: 'who',
  history: 'history',
  join: 'join',
} as const;
