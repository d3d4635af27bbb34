import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMessage, type Span, safeHref } from './format.js';

const t = (text: string, style: Omit<Span, 'text'> = {}): Span => ({ text, ...style });

describe('formatMessage', () => {
  it.each<[string, string, Span[]]>([
    ['plain text', 'hello world', [t('hello world')]],
    ['bold', 'a **b** c', [t('a '), t('b', { bold: true }), t(' c')]],
    ['italic with *', 'a *b* c', [t('a '), t('b', { italic: true }), t(' c')]],
    ['italic with _', 'a _b_ c', [t('a '), t('b', { italic: true }), t(' c')]],
    ['bold and italic', '***both***', [t('both', { bold: true, italic: true })]],
    [
      'italic inside bold',
      '**a *b* c**',
      [t('a ', { bold: true }), t('b', { bold: true, italic: true }), t(' c', { bold: true })],
    ],
    ['bold inside italic', '_x **y**_', [t('x ', { italic: true }), t('y', { italic: true, bold: true })]],
    ['code', 'run `npm test` now', [t('run '), t('npm test', { code: true }), t(' now')]],
    ['no styling inside code', '`**not bold**`', [t('**not bold**', { code: true })]],
    ['double-backtick code holding a backtick', '``a ` b``', [t('a ` b', { code: true })]],
    ['unclosed bold stays text', '**oops', [t('**oops')]],
    ['unclosed italic stays text', 'a *b', [t('a *b')]],
    ['unclosed code stays text', 'a `b', [t('a `b')]],
    ['surplus opener', '**a*', [t('*'), t('a', { italic: true })]],
    ['surplus closer', '*a**', [t('a', { italic: true }), t('*')]],
    ['spaced stars are not emphasis', '2 * 3 * 4', [t('2 * 3 * 4')]],
    ['snake_case is not emphasis', 'my_var_name', [t('my_var_name')]],
    [
      'intraword star emphasis',
      'un*frigging*believable',
      [t('un'), t('frigging', { italic: true }), t('believable')],
    ],
    ['link', 'see [docs](https://x.dev/a)', [t('see '), t('docs', { href: 'https://x.dev/a' })]],
    ['link inside bold', '**[a](http://b.c)**', [t('a', { bold: true, href: 'http://b.c' })]],
    [
      'link URL with parentheses',
      '[wiki](https://en.wikipedia.org/wiki/Rust_(language))',
      [t('wiki', { href: 'https://en.wikipedia.org/wiki/Rust_(language)' })],
    ],
    ['mailto link', '[mail](mailto:a@b.c)', [t('mail', { href: 'mailto:a@b.c' })]],
    [
      'bare URL',
      'go to https://aurora.dev now',
      [t('go to '), t('https://aurora.dev', { href: 'https://aurora.dev' }), t(' now')],
    ],
    [
      'bare URL trailing period',
      'see https://a.io/x.',
      [t('see '), t('https://a.io/x', { href: 'https://a.io/x' }), t('.')],
    ],
    [
      'bare URL trailing comma and ?',
      'https://a.io, ok?',
      [t('https://a.io', { href: 'https://a.io' }), t(', ok?')],
    ],
    [
      'bare URL in parentheses',
      '(https://a.io/x)',
      [t('('), t('https://a.io/x', { href: 'https://a.io/x' }), t(')')],
    ],
    [
      'bare URL with balanced parentheses',
      'https://w.org/A_(b) end',
      [t('https://w.org/A_(b)', { href: 'https://w.org/A_(b)' }), t(' end')],
    ],
    [
      'bare URL keeps underscores',
      'https://a.io/my_page_x',
      [t('https://a.io/my_page_x', { href: 'https://a.io/my_page_x' })],
    ],
    ['bare URL in bold', '**https://a.io**', [t('https://a.io', { bold: true, href: 'https://a.io' })]],
    ['javascript: link stays text', '[x](javascript:alert(1))', [t('[x](javascript:alert(1))')]],
    ['data: link stays text', '[x](data:text/html,<b>)', [t('[x](data:text/html,<b>)')]],
    ['file: link stays text', '[x](file:///etc/passwd)', [t('[x](file:///etc/passwd)')]],
    ['JaVaScRiPt: stays text', '[x](JaVaScRiPt:alert(1))', [t('[x](JaVaScRiPt:alert(1))')]],
    ['bare javascript: is not a link', 'javascript:alert(1)', [t('javascript:alert(1)')]],
    ['URL with no host is not a link', 'http:// nothing', [t('http:// nothing')]],
    ['brackets without a link', '[not a link] (x)', [t('[not a link] (x)')]],
    ['empty input', '', []],
  ])('%s', (_name, input, expected) => {
    expect(formatMessage(input)).toEqual(expected);
  });

  it('is total: never throws and never invents text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (input) => {
        const spans = formatMessage(input);
        const text = spans.map((span) => span.text).join('');
        expect(text.length).toBeLessThanOrEqual(input.length);
        for (const span of spans) {
          expect(span.text.length).toBeGreaterThan(0);
          if (span.href) expect(safeHref(span.href)).toBe(span.href);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps every character of input that has no markup characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[^*_`[\]()]*$/), (input) => {
        expect(
          formatMessage(input)
            .map((span) => span.text)
            .join(''),
        ).toBe(input);
      }),
    );
  });

  it('stays total on markup-heavy input', () => {
    const piece = fc.constantFrom(
      '*',
      '**',
      '_',
      '`',
      '``',
      '[',
      ']',
      '(',
      ')',
      '](',
      'http://a.b',
      'x',
      ' ',
      'mailto:a@b.c',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        const spans = formatMessage(pieces.join(''));
        for (const span of spans) if (span.href) expect(safeHref(span.href)).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['unmatched brackets before a link opener', `${'['.repeat(100_000)}](`],
    ['alternating stars', '*a'.repeat(100_000)],
    ['backtick runs of mixed lengths', '``a`'.repeat(50_000)],
    ['a long underscore run', '_'.repeat(200_000)],
    ['an endless link target', `[x](https://a.io/${'('.repeat(100_000)}`],
  ])('keeps all of %s as text (a quadratic parser would time out here)', (_name, input) => {
    const spans = formatMessage(input);
    expect(spans.map((span) => span.text).join('').length).toBeGreaterThan(input.length / 5);
  });
});

describe('safeHref', () => {
  it.each([
    ['https://a.io', true],
    ['HTTP://A.IO/x?y#z', true],
    ['mailto:me@a.io', true],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['vbscript:x', false],
    ['file:///etc/passwd', false],
    ['https://a.io/\u0007', false],
    ['//a.io', false],
    ['mailto:nobody', false],
  ])('%j is %s', (url, ok) => {
    expect(safeHref(url) !== undefined).toBe(ok);
  });
});
