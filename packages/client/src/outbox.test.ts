import { describe, expect, it } from 'vitest';
import type { Outgoing } from './connection-types.js';
import { Outbox } from './outbox.js';

const message = (cid: string, target = 'dev'): Outgoing => ({
  cid,
  kind: 'say',
  target,
  text: cid,
  createdAt: 0,
});
const cids = (messages: Outgoing[]) => messages.map((m) => m.cid);
const always = () => true;

describe('Outbox', () => {
  it('writes each message once per socket, oldest first, until acknowledged', () => {
    const outbox = new Outbox(() => 0.5);
    outbox.add(message('a'));
    outbox.add(message('b'));
    expect(cids(outbox.due(1, 0, always))).toEqual(['a', 'b']);
    expect(cids(outbox.due(1, 0, always))).toEqual([]);
    outbox.ack('a');
    expect(cids(outbox.due(2, 0, always))).toEqual(['b']);
  });

  it('keeps at most a window of messages awaiting their acknowledgements', () => {
    const outbox = new Outbox(() => 0.5, undefined, 3);
    for (const cid of ['a', 'b', 'c', 'd', 'e']) outbox.add(message(cid));
    expect(cids(outbox.due(1, 0, always))).toEqual(['a', 'b', 'c']);
    expect(cids(outbox.due(1, 0, always))).toEqual([]);
    outbox.ack('a');
    expect(cids(outbox.due(1, 0, always))).toEqual(['d']);
    // A new socket writes the unacknowledged ones again, still within the window.
    expect(cids(outbox.due(2, 0, always))).toEqual(['b', 'c', 'd']);
    outbox.ack('b');
    outbox.ack('c');
    expect(cids(outbox.due(2, 0, always))).toEqual(['e']);
  });

  it('holds a message whose room is not joined yet', () => {
    const outbox = new Outbox(() => 0.5);
    outbox.add(message('a', 'ops'));
    outbox.add(message('b', 'dev'));
    expect(cids(outbox.due(1, 0, (m) => m.target === 'dev'))).toEqual(['b']);
    expect(cids(outbox.due(1, 0, always))).toEqual(['a']);
  });

  it('pauses everything until a rate limit passes, then writes again', () => {
    const outbox = new Outbox(() => 0.5);
    outbox.add(message('a'));
    outbox.due(1, 0, always);
    expect(outbox.refused('a', 'rate_limited', 1500, 1000)).toEqual({ kind: 'delayed', retryAt: 2500 });
    outbox.add(message('b'));
    expect(outbox.due(1, 2499, always)).toEqual([]);
    expect(cids(outbox.due(1, 2500, always))).toEqual(['a']);
  });

  it('after a rate limit, writes one message at a time until the outbox is empty', () => {
    const outbox = new Outbox(() => 0.5);
    for (const cid of ['a', 'b', 'c']) outbox.add(message(cid));
    expect(cids(outbox.due(1, 0, always))).toEqual(['a', 'b', 'c']);
    outbox.ack('a');
    outbox.refused('b', 'rate_limited', 100, 0);
    outbox.refused('c', 'rate_limited', 100, 0);
    expect(cids(outbox.due(1, 100, always))).toEqual(['b']);
    // Nothing more while b is in flight.
    expect(cids(outbox.due(1, 100, always))).toEqual([]);
    outbox.ack('b');
    expect(cids(outbox.due(1, 100, always))).toEqual(['c']);
    outbox.ack('c');
    // Empty again: new lines go out as they come.
    outbox.add(message('d'));
    outbox.add(message('e'));
    expect(cids(outbox.due(1, 100, always))).toEqual(['d', 'e']);
  });

  it('retries a storage failure a few times with backoff, then gives up', () => {
    const outbox = new Outbox(() => 0, { initialMs: 100, maxMs: 10_000 });
    outbox.add(message('a'));
    const delays = [0, 1, 2, 3, 4].map(() => {
      const refusal = outbox.refused('a', 'store_unavailable', undefined, 0);
      return refusal.kind === 'delayed' ? refusal.retryAt : refusal.kind;
    });
    expect(delays).toEqual([50, 100, 200, 400, 800]);
    expect(outbox.refused('a', 'store_unavailable', undefined, 0)).toEqual({ kind: 'failed' });
  });

  it('says whether lines to a room still wait, until each is acknowledged or refused for good', () => {
    const outbox = new Outbox(() => 0.5);
    outbox.add(message('a', 'dev'));
    outbox.add(message('b', 'dev'));
    outbox.add({ ...message('c', '@dev'), kind: 'dm' });
    outbox.due(1, 0, always);
    outbox.refused('a', 'rate_limited', 1000, 0);
    expect([outbox.holds('dev'), outbox.holds('ops'), outbox.holds('@dev')]).toEqual([true, false, false]);
    outbox.ack('a');
    expect(outbox.holds('dev')).toBe(true);
    outbox.refused('b', 'text_too_long', undefined, 0);
    expect(outbox.holds('dev')).toBe(false);
  });

  it('drops a message refused for good, and ignores refusals of unknown ids', () => {
    const outbox = new Outbox(() => 0.5);
    outbox.add(message('a'));
    expect(outbox.refused('a', 'not_in_room', undefined, 0)).toEqual({ kind: 'failed' });
    expect(outbox.due(2, 0, always)).toEqual([]);
    expect(outbox.refused('zz', 'rate_limited', 10, 0)).toEqual({ kind: 'unknown' });
  });
});
