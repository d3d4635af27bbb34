/** A run of message text with the styles that apply to all of it. */
export interface Span {
  readonly text: string;
  readonly bold?: true;
  readonly italic?: true;
  readonly code?: true;
  /** Set on link spans: an http, https or mailto URL, safe to open. */
  readonly href?: string;
}

/** Schemes that become links; anything else (javascript:, data:, file:) stays plain text. */
const SAFE_SCHEME = /^(?:https?:\/\/[^\s/?#]+|mailto:[^\s@]+@[^\s@]+)/i;
const BARE_URL_START = /(?:https?:\/\/|mailto:)/iy;
/** Characters a bare URL may not end with: they are almost always the sentence's, not the URL's. */
const TRAILING_PUNCTUATION = new Set(['.', ',', ':', ';', '!', '?', "'", '"']);
const URL_STOP = /[\s<>"`]/;

/** Returns the URL if it is one Aurora will link to, else undefined. */
export function safeHref(url: string): string | undefined {
  return SAFE_SCHEME.test(url) && !/[\s\p{Cc}]/u.test(url) ? url : undefined;
}

type Token =
  | { kind: 'text'; text: string; code?: true; href?: string }
  | { kind: 'delim'; char: '*' | '_'; count: number; canOpen: boolean; canClose: boolean };

interface Mark {
  /** Index of the token where the style starts or stops. */
  token: number;
  style: 'bold' | 'italic';
  delta: 1 | -1;
}

/**
 * Parses message text into styled spans: `**bold**`, `*italic*` and `_italic_`, `` `code` ``,
 * `[text](url)` and bare URLs. Linear in the input, total (never throws), and the concatenated span
 * texts are the input minus the markup that was understood. Unmatched markers stay as text.
 */
export function formatMessage(input: string): Span[] {
  const tokens = tokenize(input);
  const marks = pairDelimiters(tokens);
  return toSpans(tokens, marks);
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const codeEnds = matchBacktickRuns(input);
  const linkTargets = new Map<number, { url: string; end: number } | null>();
  const closeBracket = nextIndexTable(input, ']');
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '`') {
      const run = runLength(input, i, '`');
      const end = codeEnds.get(i);
      if (end !== undefined) {
        flush();
        tokens.push({ kind: 'text', text: input.slice(i + run, end), code: true });
        i = end + run;
      } else {
        text += input.slice(i, i + run);
        i += run;
      }
      continue;
    }
    if (ch === '[') {
      const close = closeBracket[i + 1] ?? -1;
      if (close > i + 1 && input[close + 1] === '(') {
        let target = linkTargets.get(close);
        if (target === undefined) {
          target = parseLinkTarget(input, close + 2);
          linkTargets.set(close, target);
        }
        if (target) {
          flush();
          tokens.push({ kind: 'text', text: input.slice(i + 1, close), href: target.url });
          i = target.end;
          continue;
        }
      }
      text += ch;
      i++;
      continue;
    }
    if ((ch === 'h' || ch === 'H' || ch === 'm' || ch === 'M') && !isWordChar(input[i - 1])) {
      BARE_URL_START.lastIndex = i;
      if (BARE_URL_START.test(input)) {
        const end = bareUrlEnd(input, i);
        const url = input.slice(i, end);
        if (safeHref(url)) {
          flush();
          tokens.push({ kind: 'text', text: url, href: url });
          i = end;
          continue;
        }
      }
    }
    if (ch === '*' || ch === '_') {
      const count = runLength(input, i, ch);
      const before = input[i - 1];
      const after = input[i + count];
      const leftFlanking = after !== undefined && !isSpace(after);
      const rightFlanking = before !== undefined && !isSpace(before);
      // `_` inside a word (snake_case) is never emphasis; `*` may be (un*frigging*believable).
      const canOpen = leftFlanking && (ch === '*' || !isWordChar(before));
      const canClose = rightFlanking && (ch === '*' || !isWordChar(after));
      if (canOpen || canClose) {
        flush();
        tokens.push({ kind: 'delim', char: ch, count, canOpen, canClose });
      } else text += input.slice(i, i + count);
      i += count;
      continue;
    }
    text += ch;
    i++;
  }
  flush();
  return tokens;
}

/** Pairs emphasis delimiters with one stack per marker character: each is pushed and popped once. */
function pairDelimiters(tokens: Token[]): Mark[] {
  const marks: Mark[] = [];
  const openers: Record<'*' | '_', number[]> = { '*': [], _: [] };
  tokens.forEach((token, index) => {
    if (token.kind !== 'delim') return;
    const stack = openers[token.char];
    if (token.canClose) {
      while (token.count > 0 && stack.length > 0) {
        const openerIndex = stack[stack.length - 1]!;
        const opener = tokens[openerIndex] as Extract<Token, { kind: 'delim' }>;
        const used = opener.count >= 2 && token.count >= 2 ? 2 : 1;
        const style = used === 2 ? 'bold' : 'italic';
        marks.push({ token: openerIndex, style, delta: 1 }, { token: index, style, delta: -1 });
        opener.count -= used;
        token.count -= used;
        if (opener.count === 0) stack.pop();
      }
    }
    if (token.count > 0 && token.canOpen) stack.push(index);
  });
  return marks;
}

function toSpans(tokens: Token[], marks: Mark[]): Span[] {
  const byToken = new Map<number, Mark[]>();
  for (const mark of marks) {
    const list = byToken.get(mark.token);
    if (list) list.push(mark);
    else byToken.set(mark.token, [mark]);
  }
  const spans: Span[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string, extra: { code?: true; href?: string }) => {
    if (!text) return;
    const span: Span = {
      text,
      ...(bold > 0 ? { bold: true } : {}),
      ...(italic > 0 ? { italic: true } : {}),
      ...extra,
    };
    const last = spans[spans.length - 1];
    if (last && sameStyle(last, span)) spans[spans.length - 1] = { ...last, text: last.text + text };
    else spans.push(span);
  };
  tokens.forEach((token, index) => {
    if (token.kind === 'text') {
      push(token.text, {
        ...(token.code ? { code: true } : {}),
        ...(token.href ? { href: token.href } : {}),
      });
      return;
    }
    const tokenMarks = byToken.get(index) ?? [];
    // Closers end their styles before any leftover marker text; openers begin theirs after it.
    for (const mark of tokenMarks) if (mark.delta < 0) apply(mark);
    push(token.char.repeat(token.count), {});
    for (const mark of tokenMarks) if (mark.delta > 0) apply(mark);
  });
  return spans;

  function apply(mark: Mark) {
    if (mark.style === 'bold') bold += mark.delta;
    else italic += mark.delta;
  }
}

function sameStyle(a: Span, b: Span): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href;
}

/** For each backtick run that opens a code span, the index where its closing run starts. */
function matchBacktickRuns(input: string): Map<number, number> {
  const runs: { start: number; length: number }[] = [];
  for (let i = input.indexOf('`'); i !== -1; ) {
    const length = runLength(input, i, '`');
    runs.push({ start: i, length });
    i = input.indexOf('`', i + length);
  }
  // Each run length keeps a queue of later runs; pointers only move forward, so this is linear.
  const queues = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const queue = queues.get(run.length);
    if (queue) queue.push(index);
    else queues.set(run.length, [index]);
  });
  const heads = new Map<number, number>();
  const ends = new Map<number, number>();
  let consumedUntil = -1;
  runs.forEach((run, index) => {
    if (index <= consumedUntil) return;
    const queue = queues.get(run.length)!;
    let head = heads.get(run.length) ?? 0;
    while (head < queue.length && queue[head]! <= index) head++;
    heads.set(run.length, head);
    const closer = queue[head];
    if (closer === undefined) return;
    ends.set(run.start, runs[closer]!.start);
    consumedUntil = closer;
  });
  return ends;
}

/** nextIndex[i] = the first index >= i holding `char`, or -1. */
function nextIndexTable(input: string, char: string): Int32Array {
  const table = new Int32Array(input.length + 1).fill(-1);
  for (let i = input.length - 1; i >= 0; i--) table[i] = input[i] === char ? i : table[i + 1]!;
  return table;
}

/** Reads `url)` after `](`, allowing balanced parentheses inside the URL. */
function parseLinkTarget(input: string, start: number): { url: string; end: number } | null {
  let depth = 0;
  for (let i = start; i < input.length; i++) {
    const ch = input[i]!;
    if (isSpace(ch) || ch === '<' || ch === '>') return null;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) {
        const url = safeHref(input.slice(start, i));
        return url ? { url, end: i + 1 } : null;
      }
      depth--;
    }
  }
  return null;
}

/** End of a bare URL: up to whitespace, minus trailing punctuation and unbalanced `)`. */
function bareUrlEnd(input: string, start: number): number {
  let end = start;
  let depth = 0;
  while (end < input.length && !URL_STOP.test(input[end]!)) end++;
  for (let i = start; i < end; i++) {
    if (input[i] === '(') depth++;
    else if (input[i] === ')') depth--;
  }
  while (end > start) {
    const last = input[end - 1]!;
    if (TRAILING_PUNCTUATION.has(last)) end--;
    else if (last === ')' && depth < 0) {
      end--;
      depth++;
    } else if (last === '*' || last === '_') end--;
    else return end;
  }
  return end;
}

function runLength(input: string, start: number, char: string): number {
  let end = start;
  while (input[end] === char) end++;
  return end - start;
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}
