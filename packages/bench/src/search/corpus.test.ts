import { indexTokens } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { type CorpusPlan, corpus, corpusVocabulary, roomName, wordCount } from './corpus.js';
import { seededRandom } from './random.js';

const plan: CorpusPlan = {
  messages: 20_000,
  rooms: 10,
  vocabulary: 1000,
  zipfExponent: 1,
  spanDays: 365,
  seed: 4,
};
const END = Date.UTC(2026, 11, 1);

describe('corpus', () => {
  const messages = [...corpus(plan, END)];

  it('is the same for the same plan and end time', () => {
    const small = { ...plan, messages: 500 };
    expect([...corpus(small, END)]).toEqual([...corpus(small, END)]);
    expect([...corpus({ ...small, seed: 5 }, END)]).not.toEqual([...corpus(small, END)]);
    // A longer history starts with the same conversation, spread thinner over the year.
    const said = ({ room, nick, text }: { room: string; nick: string; text: string }) => ({
      room,
      nick,
      text,
    });
    expect([...corpus(small, END)].map(said)).toEqual(messages.slice(0, 500).map(said));
  });

  it('spreads the messages over the span, never going back in time', () => {
    expect(messages).toHaveLength(20_000);
    const times = messages.map((message) => message.ts);
    expect(times.every((ts, i) => i === 0 || ts >= times[i - 1]!)).toBe(true);
    expect(times[0]!).toBeGreaterThanOrEqual(END - 365 * 86_400_000);
    expect(times.at(-1)!).toBeLessThan(END);
    // Half the messages in each half of the year.
    const middle = END - (365 * 86_400_000) / 2;
    expect(times.filter((ts) => ts < middle).length / times.length).toBeCloseTo(0.5, 1);
  });

  it('uses every room, the busiest a few times the quietest, each with 3 to 8 senders', () => {
    const byRoom = new Map<string, { count: number; senders: Set<string> }>();
    for (const { room, nick } of messages) {
      const entry = byRoom.get(room) ?? { count: 0, senders: new Set<string>() };
      entry.count++;
      entry.senders.add(nick);
      byRoom.set(room, entry);
    }
    expect([...byRoom.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => roomName(i)).sort());
    const counts = [...byRoom.values()].map((entry) => entry.count);
    expect(Math.max(...counts) / Math.min(...counts)).toBeGreaterThan(1.3);
    expect(Math.max(...counts) / Math.min(...counts)).toBeLessThan(4);
    for (const { senders } of byRoom.values()) {
      expect(senders.size).toBeGreaterThanOrEqual(3);
      expect(senders.size).toBeLessThanOrEqual(8);
    }
  });

  it('writes text of the vocabulary, the most frequent word far more often than a rare one', () => {
    const vocabulary = corpusVocabulary(plan);
    const known = new Set(vocabulary);
    const uses = new Map<string, number>();
    for (const { text } of messages)
      for (const token of indexTokens(text)) {
        expect(known.has(token)).toBe(true);
        uses.set(token, (uses.get(token) ?? 0) + 1);
      }
    expect(uses.get(vocabulary[0]!)! / (uses.get(vocabulary[99]!) ?? 1)).toBeGreaterThan(50);
    expect(uses.size).toBeGreaterThan(900);
  });
});

describe('wordCount', () => {
  it('gives chat-like lengths: a median near 7 words, from 1 to 60', () => {
    const random = seededRandom(9);
    const counts = Array.from({ length: 20_000 }, () => wordCount(random)).sort((a, b) => a - b);
    expect(counts[10_000]).toBe(7);
    expect(counts[0]).toBeGreaterThanOrEqual(1);
    expect(counts.at(-1)).toBeLessThanOrEqual(60);
    expect(counts[19_000]!).toBeGreaterThan(15);
  });
});
