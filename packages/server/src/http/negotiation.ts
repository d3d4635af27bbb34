/** The encodings the web build stores beside a file (`app.js.br`, `app.js.gz`), best first. */
export const STORED_ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** One of the stored encodings. */
export type StoredEncoding = (typeof STORED_ENCODINGS)[number];

/**
 * The stored encodings an `Accept-Encoding` header takes, best first (RFC 9110 §12.5.3): a coding
 * listed with q=0 is refused, `*` stands for any coding not listed, and `x-gzip` is gzip. No header,
 * or one naming nothing we store, means the file as it is.
 */
export function acceptedEncodings(header: string | undefined): StoredEncoding[] {
  if (header === undefined) return [];
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(coding === 'x-gzip' ? 'gzip' : coding, Number.isFinite(weight) ? weight : 0);
  }
  const any = weights.get('*');
  return STORED_ENCODINGS.filter(({ name }) => (weights.get(name) ?? any ?? 0) > 0).sort(
    (a, b) => (weights.get(b.name) ?? any ?? 0) - (weights.get(a.name) ?? any ?? 0),
  );
}

/**
 * Whether an `If-None-Match` header names `etag` (weak comparison, RFC 9110 §13.1.2: a `W/` prefix
 * does not matter), so the client's copy is current and a 304 answers.
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
