import { describe, expect, it } from 'vitest';
import { shedWait } from './loop-lag.js';
import { createTestHub } from './testing/test-hub.js';

describe('shedWait', () => {
  it('greets below the limit, and above it asks for a wait that grows with the lag', () => {
    expect(shedWait(900, 1000)).toBeUndefined();
    expect(shedWait(5000, 0)).toBeUndefined();
    expect(shedWait(1200, 1000)).toBe(2400);
    expect(shedWait(50, 10)).toBe(1000);
    expect(shedWait(60_000, 1000)).toBe(30_000);
  });
});

describe('a hub shedding load', () => {
  it('refuses a hello with server_busy and its wait, closes with 1013, and claims nothing', async () => {
    let busy: number | undefined = 2000;
    const { connect } = createTestHub({ overloaded: () => busy });
    const refused = connect();
    await refused.hello('alice', { rooms: ['dev'] });
    expect(refused.peer.of('error')).toMatchObject([{ code: 'server_busy', retryAfterMs: 2000 }]);
    expect(refused.peer.closedWith?.code).toBe(1013);
    busy = undefined;
    const later = connect();
    await later.hello('alice', { rooms: ['dev'] });
    expect(later.peer.of('welcome')).toHaveLength(1);
    expect(later.peer.of('joined')).toHaveLength(1);
  });
});
