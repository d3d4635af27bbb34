import { CloseCode, ErrorCode, encodeClientMessage, type ServerMessage } from 'aurora-protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameFault } from './frame-fault.js';
import { createLogger } from './logger.js';
import { anyFrame, NESTED_ARRAYS_FRAME } from './testing/hostile-frames.js';
import { createTestHub, type FakeClient } from './testing/test-hub.js';

/** A hub whose error-level log lines are kept: a fuzzed frame must never cause one. */
function hubWithFaultLog() {
  const faults: { msg: string; code?: string }[] = [];
  const logger = createLogger('error', (line) => faults.push(JSON.parse(line)));
  // Limits high enough that generated frames reach the handlers instead of the rate limit.
  const test = createTestHub({ logger, limits: { burst: 1_000_000, ratePerSecond: 1_000_000 } });
  return { ...test, faults };
}

/** Sends a ping and expects its pong: the connection is still served. */
async function expectServed(client: FakeClient, t: number): Promise<void> {
  await client.send({ type: 'ping', t });
  expect(client.peer.closedWith).toBeUndefined();
  expect(client.peer.last()).toMatchObject({ type: 'pong', t } satisfies Partial<ServerMessage>);
}

/** Signs up as `name` on this connection and greets with the token, in #dev. */
async function logIn(client: FakeClient, name: string): Promise<void> {
  await client.send({ type: 'register', name, password: 'correct horse' });
  const auth = client.peer.of('auth')[0];
  if (auth === undefined) throw new Error(`register failed: ${JSON.stringify(client.peer.last())}`);
  await client.hello(name, { token: auth.token, rooms: ['dev'] });
  expect(client.peer.of('welcome')).toMatchObject([{ account: name }]);
}

describe('any frame, in any state, is answered and never stops the hub', () => {
  for (const state of ['before hello', 'after hello', 'logged in'] as const) {
    it(`${state}: replies, logs no fault, and keeps serving the sender and everyone else`, async () => {
      const { connect, faults } = hubWithFaultLog();
      const alice = connect();
      await alice.hello('alice', { rooms: ['dev'] });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(anyFrame, { minLength: 1, maxLength: 4 }), async (frames) => {
          run++;
          faults.length = 0;
          const mallory = connect(`10.9.${run >> 8}.${run & 255}`);
          if (state === 'after hello') await mallory.hello(`m${run}`, { rooms: ['dev'] });
          if (state === 'logged in') await logIn(mallory, `m${run}`);
          for (const frame of frames) await mallory.sendRaw(frame.data, frame.isBinary);
          expect(faults).toEqual([]);
          // A generated `logout` may end a logged-in connection; that is the one close allowed.
          if (mallory.peer.closedWith?.code === CloseCode.LoggedOut) expect(state).toBe('logged in');
          else await expectServed(mallory, run);
          await expectServed(alice, run);
          await mallory.disconnect();
        }),
        { numRuns: 200 },
      );
    });
  }

  it('answers the 8 KB frame of nested arrays sent before hello with bad_frame', async () => {
    const { connect, faults } = hubWithFaultLog();
    const mallory = connect();
    await mallory.send(NESTED_ARRAYS_FRAME);
    expect(mallory.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadFrame });
    await expectServed(mallory, 1);
    expect(faults).toEqual([]);
  });
});

describe('a fault while handling a frame', () => {
  it('stays inside the hub: the sender gets bad_frame, a coded log line, and everyone is still served', async () => {
    const lines: { msg: string; code?: string }[] = [];
    const logger = createLogger('error', (line) => lines.push(JSON.parse(line)));
    const { connect, clock } = createTestHub({ logger });
    const alice = connect();
    await alice.hello('alice', { rooms: ['dev'] });
    const mallory = connect('10.0.0.2');
    // A fault in the synchronous part of handling a frame: the rate limiter's clock throws once.
    const now = clock.now.bind(clock);
    let broken = true;
    clock.now = () => {
      if (broken) {
        broken = false;
        throw new RangeError('Maximum call stack size exceeded');
      }
      return now();
    };
    await expect(
      mallory.send(encodeClientMessage({ type: 'say', room: 'dev', text: 'hi', cid: 'c1' })),
    ).resolves.toBeUndefined();
    expect(mallory.peer.last()).toMatchObject({ type: 'error', code: ErrorCode.BadFrame });
    expect(lines).toMatchObject([{ msg: 'frame failed', code: FrameFault.Frame }]);
    await expectServed(mallory, 1);
    await expectServed(alice, 2);
  });
});
