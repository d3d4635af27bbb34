import { LIMITS, utf8Length } from 'aurora-protocol';
import { chat, error, joined } from 'aurora-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundChatMessage,
  boundServerMessage,
  cutText,
  keptTextBytes,
  MAX_KEPT_SHORT_BYTES,
  MAX_KEPT_TEXT_BYTES,
} from './server-bounds.js';

describe('cutText', () => {
  it('keeps a text that fits', () => {
    expect(cutText('héllo', 6)).toBe('héllo');
    expect(cutText('x'.repeat(4096), 4096)).toBe('x'.repeat(4096));
  });

  it('cuts a longer text at a character boundary and says how long it was', () => {
    expect(cutText('x'.repeat(5000), 4096)).toBe(`${'x'.repeat(4096)}… [cut: 5000 bytes]`);
    // é is two bytes and 👍 four: neither is ever split.
    expect(cutText('éééé', 5)).toBe('éé… [cut: 8 bytes]');
    expect(cutText('a👍b', 4)).toBe('a… [cut: 6 bytes]');
  });

  it('keeps at most maxBytes of any text, and all of it when it fits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 300 }),
        (text, max) => {
          const cut = cutText(text, max);
          if (utf8Length(text) <= max) expect(cut).toBe(text);
          else {
            const kept = cut.slice(0, cut.lastIndexOf('… [cut: '));
            expect(text.startsWith(kept)).toBe(true);
            expect(utf8Length(kept)).toBeLessThanOrEqual(max);
            expect(kept.isWellFormed()).toBe(true);
          }
        },
      ),
    );
  });
});

describe('keptTextBytes', () => {
  it("takes the server's limit, never below the protocol's and never above the client's bound", () => {
    expect(keptTextBytes(LIMITS.maxTextBytes)).toBe(LIMITS.maxTextBytes);
    expect(keptTextBytes(8192)).toBe(8192);
    expect(keptTextBytes(10)).toBe(LIMITS.maxTextBytes);
    expect(keptTextBytes(1 << 30)).toBe(MAX_KEPT_TEXT_BYTES);
  });
});

describe('boundServerMessage', () => {
  it('leaves a message within bounds as it is (the same object)', () => {
    const message = chat(1, 'bob', 'hello');
    expect(boundServerMessage(message, 4096)).toBe(message);
  });

  it('cuts a 1 MiB text to the limit, with the mark', () => {
    const bounded = boundChatMessage(chat(1, 'bob', 'x'.repeat(1 << 20)), 4096);
    expect(bounded.text).toBe(`${'x'.repeat(4096)}… [cut: 1048576 bytes]`);
    expect(bounded).toMatchObject({ seq: 1, from: 'bob', room: 'dev' });
  });

  it('cuts huge names, ids, topics and error messages to a short bound', () => {
    const huge = 'n'.repeat(1 << 20);
    const message = boundChatMessage(
      chat(1, huge, 'hi', { id: huge, kind: 'system', event: { kind: 'topic', nick: huge, topic: huge } }),
      4096,
    );
    for (const s of [message.from, message.id, message.event?.nick])
      expect(utf8Length(s ?? '')).toBeLessThan(MAX_KEPT_SHORT_BYTES + 32);
    const room = boundServerMessage(joined('dev', { topic: huge, history: [chat(1, 'bob', huge)] }), 4096);
    expect(room.type === 'joined' && room.topic.length).toBeLessThan(MAX_KEPT_SHORT_BYTES + 32);
    expect(room.type === 'joined' && room.history[0]?.text.length).toBeLessThan(4096 + 32);
    const found = boundServerMessage(
      {
        type: 'search_results',
        results: [
          { target: huge, seq: 1, id: 'm1', kind: 'chat', from: huge, ts: 0, snippet: [{ text: huge }] },
        ],
      },
      4096,
    );
    const hit = found.type === 'search_results' ? found.results[0] : undefined;
    for (const s of [hit?.target, hit?.from])
      expect(utf8Length(s ?? '')).toBeLessThan(MAX_KEPT_SHORT_BYTES + 32);
    expect(hit?.snippet[0]?.text.length).toBeLessThan(4096 + 32);
    const refused = boundServerMessage(error('internal', huge), 4096);
    expect(refused.type === 'error' && refused.message.length).toBeLessThan(MAX_KEPT_SHORT_BYTES + 32);
  });
});
