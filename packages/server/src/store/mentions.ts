/** Whether a text mentions `nick` as a whole word (optionally with `@`), ignoring case. */
export function mentionPattern(nick: string): RegExp {
  const escaped = nick.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])@?${escaped}(?=$|[^\\p{L}\\p{N}_])`, 'iu');
}
