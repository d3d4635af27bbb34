/**
 * `ref`s the page puts on requests whose answers it must recognise: a `members` reply to `/who` is
 * listed in the conversation, a failed `history` request stops the loading indicator.
 */
export const COMMAND_REFS = {
  who: 'who',
  history: 'history',
  join: 'join',
} as const;
