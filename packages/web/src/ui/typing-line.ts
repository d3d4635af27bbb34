import { type TargetState, typingSentence } from 'aurora-client';
import { h, setText } from './dom.js';

/** The line under the messages saying who is typing, in the terminal's words. */
export interface TypingLine {
  readonly element: HTMLElement;
  /** Shows who is typing in `target` at `now` (indicators expire on their own). */
  render(target: TargetState | undefined, now: number): void;
}

/** Creates the typing line; empty while nobody types. */
export function createTypingLine(): TypingLine {
  const element = h('p', { class: 'typing-line' });
  return {
    element,
    render(target, now) {
      const typers = Object.values(target?.typing ?? {})
        .filter((typist) => typist.until > now)
        .map((typist) => typist.nick);
      setText(element, typingSentence(typers));
    },
  };
}
