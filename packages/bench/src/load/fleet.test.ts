import { describe, expect, it } from 'vitest';
import { nodeOf } from './fleet.js';

describe('nodeOf', () => {
  it('puts every room of one server on its one port', () => {
    for (let index = 0; index < 250; index++) expect(nodeOf(index, 100, 1)).toBe(0);
  });

  it('splits each room of 100 in halves over two nodes', () => {
    const room = (first: number) => Array.from({ length: 100 }, (_, i) => nodeOf(first + i, 100, 2));
    for (const first of [0, 100, 900]) {
      expect(room(first).slice(0, 50)).toEqual(Array(50).fill(0));
      expect(room(first).slice(50)).toEqual(Array(50).fill(1));
    }
  });

  it('gives both nodes senders when every 10th member sends, as the steady load picks them', () => {
    const senders = Array.from({ length: 100 }, (_, i) => nodeOf(i * 10, 100, 2));
    expect(senders.filter((node) => node === 0)).toHaveLength(50);
    expect(senders.filter((node) => node === 1)).toHaveLength(50);
  });
});
