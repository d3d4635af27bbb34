import { describe, expect, it } from 'vitest';
import { acceptedEncodings, matchesEtag } from './negotiation.js';

const names = (header: string | undefined) => acceptedEncodings(header).map(({ name }) => name);

describe('acceptedEncodings', () => {
  it('prefers brotli when a browser takes both, as every current browser does', () => {
    expect(names('gzip, deflate, br, zstd')).toEqual(['br', 'gzip']);
  });

  it('follows the weights a client gives', () => {
    expect(names('br;q=0.5, gzip;q=0.9')).toEqual(['gzip', 'br']);
    expect(names('gzip;q=1.0, br;Q=0.1')).toEqual(['gzip', 'br']);
  });

  it('never picks a coding the client refuses with q=0, even when `*` takes the rest', () => {
    expect(names('br;q=0, *')).toEqual(['gzip']);
    expect(names('*;q=0')).toEqual([]);
    expect(names('gzip;q=0, br;q=0')).toEqual([]);
  });

  it('takes x-gzip as gzip and ignores what it cannot read', () => {
    expect(names('x-gzip')).toEqual(['gzip']);
    expect(names('identity')).toEqual([]);
    expect(names(',,; q=,br;q=nonsense')).toEqual([]);
    expect(names('')).toEqual([]);
    expect(names(undefined)).toEqual([]);
  });
});

describe('matchesEtag', () => {
  it('matches the tag among several, weak or strong', () => {
    expect(matchesEtag('"a", "b-br"', '"b-br"')).toBe(true);
    expect(matchesEtag('W/"b-br"', '"b-br"')).toBe(true);
    expect(matchesEtag('*', '"x"')).toBe(true);
  });

  it('does not match another tag or none', () => {
    expect(matchesEtag('"b"', '"b-br"')).toBe(false);
    expect(matchesEtag(undefined, '"b"')).toBe(false);
    expect(matchesEtag('', '"b"')).toBe(false);
  });
});
