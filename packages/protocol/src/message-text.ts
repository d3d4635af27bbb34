import { LIMITS, utf8Length } from './limits.js';

/** Why a message text cannot be sent: nothing but spaces, or more than `maxTextBytes` of UTF-8. */
export type TextProblem = 'empty' | 'too_long';

/**
 * What is wrong with a message text, or undefined when it may be sent: the rule of `say`, `action`
 * and `dm` (the `Text` schema), shared with the server's webhooks, which take text outside a frame.
 */
export function textProblem(text: string): TextProblem | undefined {
  if (text.trim().length === 0) return 'empty';
  return utf8Length(text) > LIMITS.maxTextBytes ? 'too_long' : undefined;
}
