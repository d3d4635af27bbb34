import type { ChatMessage } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import type { FanoutPayload } from '../cluster/fanout.js';
import { silentLogger } from '../logger.js';
import type { PageQuery } from '../store/store.js';
import { GapFiller } from './gap-filler.js';

const message = (seq: number, ts = seq * 1000): ChatMessage => ({
  type: 'message',
  id: `m${seq}`,
  seq,
  kind: 'chat',
  room: 'dev',
  from: 'alice',
  text: `t${seq}`,
  ts,
});

const live = (seq: number): FanoutPayload => ({
  channels: ['room:dev'],
  frame: JSON.stringify(message(seq)),
  target: 'room:dev',
  seq,
});

/** A filler over a stored history of `stored` messages, recording what it hands on. */
function setup(stored: number, interested = true) {
  const history = Array.from({ length: stored }, (_, i) => message(i + 1));
  const queries: PageQuery[] = [];
  const emitted: number[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const filler = new GapFiller({
    history: async (_target, query) => {
      queries.push(query);
      await gate;
      const inRange = history.filter(
        (m) =>
          (query.after === undefined || m.seq > query.after) &&
          (query.before === undefined || m.seq < query.before) &&
          (query.notBefore === undefined || m.ts >= query.notBefore),
      );
      const page = query.after === undefined ? inRange.slice(-query.limit) : inRange.slice(0, query.limit);
      return { messages: page, more: inRange.length > query.limit };
    },
    interested: () => interested,
    emit: (payload) => emitted.push(payload.seq ?? 0),
    logger: silentLogger,
  });
  return { filler, emitted, queries, release, settle: () => new Promise((r) => setTimeout(r, 0)) };
}

describe('GapFiller', () => {
  it('hands on a contiguous stream untouched, and live frames at once', () => {
    const { filler, emitted, queries } = setup(3);
    for (const seq of [1, 2, 3]) filler.push(live(seq));
    filler.push({ channels: ['room:dev'], frame: '{"type":"typing"}' });
    expect(emitted).toEqual([1, 2, 3, 0]);
    expect(queries).toEqual([]);
  });

  it('re-reads what a lost subscription missed, and holds later messages until then', async () => {
    const { filler, emitted, queries, release, settle } = setup(8);
    filler.push(live(1));
    filler.push(live(2));
    filler.push(live(6));
    filler.push(live(7));
    filler.push({ channels: ['room:dev'], frame: '{"type":"presence"}' });
    expect(emitted).toEqual([1, 2, 0]);
    release();
    await settle();
    expect(emitted).toEqual([1, 2, 0, 3, 4, 5, 6, 7]);
    expect(queries).toEqual([{ after: 2, before: 6, limit: 1000 }]);
  });

  it('re-reads a target first seen after an outage from when the subscription dropped', async () => {
    const { filler, emitted, queries, release, settle } = setup(9);
    filler.lost(10_000);
    filler.restored();
    filler.push(live(10));
    release();
    await settle();
    expect(queries).toEqual([{ before: 10, notBefore: 5_000, limit: 1000 }]);
    expect(emitted).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('does not re-read for channels nobody on this node is in', () => {
    const { filler, emitted, queries } = setup(5, false);
    filler.push(live(1));
    filler.push(live(5));
    expect(emitted).toEqual([1, 5]);
    expect(queries).toEqual([]);
  });

  it('catches up on followed targets after an outage without waiting for their next message', async () => {
    const { filler, emitted, release, settle } = setup(6);
    filler.push(live(1));
    filler.push(live(2));
    filler.lost(4_000);
    filler.restored();
    filler.catchUp([{ target: 'room:dev', channels: ['room:dev'] }]);
    filler.push(live(7));
    release();
    await settle();
    await settle();
    expect(emitted).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
