import { decodeClientMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { createCidSource } from './cid.js';

describe('createCidSource', () => {
  it('never repeats an id within a page', () => {
    const next = createCidSource(Math.random);
    const ids = new Set(Array.from({ length: 1000 }, next));
    expect(ids.size).toBe(1000);
  });

  it('gives two pages different ids', () => {
    const draws = [0.1, 0.5, 0.9, 0.3, 0.7, 0.2, 0.6, 0.4, 0.8, 0.05, 0.55, 0.95, 0.35, 0.75, 0.15, 0.65];
    const random = () => draws.shift() ?? 0;
    expect(createCidSource(random)()).not.toBe(createCidSource(random)());
  });

  it('makes ids the protocol accepts as cid', () => {
    const next = createCidSource(() => 0.999);
    for (let i = 0; i < 50; i++) {
      const frame = JSON.stringify({ type: 'say', room: 'dev', text: 'x', cid: next() });
      expect(decodeClientMessage(frame).ok).toBe(true);
    }
  });
});
