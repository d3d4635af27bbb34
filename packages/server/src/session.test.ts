import { describe, expect, it } from 'vitest';
import { Session } from './session.js';
import { FakePeer } from './testing/fake-peer.js';

function stored(target: string, seq: number) {
  const frame = JSON.stringify({ type: 'pong', t: seq });
  return { delivery: { channel: target, frame, target, seq }, bytes: Buffer.from(frame) };
}

function deliver(session: Session, target: string, seq: number): void {
  const { delivery, bytes } = stored(target, seq);
  session.deliver(delivery, bytes);
}

const seqsOf = (peer: FakePeer) => peer.of('pong').map((pong) => pong.t);

describe('a session', () => {
  it('sends each stored message of every target once, however many targets it follows', () => {
    const peer = new FakePeer();
    const session = new Session('s1', peer, { ip: '10.0.0.1' });
    session.markDelivered('room:a', 5);
    session.markDelivered('room:b', 7);
    session.markDelivered('dm:x y', 2);
    for (const [target, seq] of [
      ['room:a', 5],
      ['room:a', 6],
      ['room:b', 7],
      ['room:b', 8],
      ['dm:x y', 2],
      ['dm:x y', 3],
      ['room:a', 6],
    ] as const)
      deliver(session, target, seq);
    expect(seqsOf(peer)).toEqual([6, 8, 3]);
  });

  it('starts afresh for a target it forgot, without disturbing the others', () => {
    const peer = new FakePeer();
    const session = new Session('s1', peer, { ip: '10.0.0.1' });
    session.markDelivered('room:a', 5);
    session.markDelivered('room:b', 7);
    session.forgetDelivered('room:a');
    session.markDelivered('room:b', 9);
    session.forgetDelivered('room:b');
    deliver(session, 'room:a', 1);
    deliver(session, 'room:b', 1);
    session.markDelivered('room:c', 4);
    deliver(session, 'room:c', 4);
    deliver(session, 'room:a', 1);
    expect(seqsOf(peer)).toEqual([1, 1]);
  });

  it('keeps its away status and the frames it holds apart, whichever is set or cleared first', () => {
    const peer = new FakePeer();
    const session = new Session('s1', peer, { ip: '10.0.0.1' });
    session.status = 'at lunch';
    session.hold('room:a');
    deliver(session, 'room:a', 1);
    session.status = undefined;
    expect(session.status).toBeUndefined();
    expect(seqsOf(peer)).toEqual([]);
    session.release('room:a');
    expect(seqsOf(peer)).toEqual([1]);
    session.status = 'back soon';
    session.hold('room:b');
    session.release('room:b');
    expect(session.status).toBe('back soon');
    deliver(session, 'room:b', 4);
    expect(seqsOf(peer)).toEqual([1, 4]);
  });
});
