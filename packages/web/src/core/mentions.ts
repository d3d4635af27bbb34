import { canonicalName } from 'aurora-protocol';

/** True when `text` names `nick` as a word (in any spelling that is the same person). */
export function mentions(text: string, nick: string): boolean {
  const wanted = canonicalName(nick);
  return text
    .split(/[^\p{L}\p{M}\p{N}_.-]+/u)
    .some((word) => word !== '' && canonicalName(word.replace(/^@/, '')) === wanted);
}
