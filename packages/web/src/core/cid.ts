/**
 * Makes client message ids: a random prefix per page load plus a counter, so ids never repeat across
 * reconnects (a retried message keeps its id) nor between two tabs. At most 18 printable ASCII chars.
 */
export function createCidSource(random: () => number): () => string {
  const prefix = Array.from({ length: 8 }, () => Math.floor(random() * 36).toString(36)).join('');
  let counter = 0;
  return () => `w${prefix}-${(++counter).toString(36)}`;
}
