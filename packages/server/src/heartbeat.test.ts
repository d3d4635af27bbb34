import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Heartbeat } from './heartbeat.js';
import { createTestHub } from './testing/test-hub.js';

/**
 * The parts of a ws socket the heartbeat uses; `answers` controls whether pings get a pong (the
 * server resets `missedPongs` when one arrives, as `Heartbeat.answered` does).
 */
class FakeSocket {
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = 1;
  missedPongs = 0;
  answers = true;
  pings: number[] = [];
  terminated = false;

  ping(): void {
    this.pings.push(Date.now());
    if (this.answers) this.missedPongs = 0;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = this.CLOSED;
  }
}

/** A heartbeat over a set of sockets, as the server's walks its sessions' sockets. */
function heartbeatOf(
  sockets: Set<FakeSocket>,
  intervalMs: number,
  onDead?: (socket: FakeSocket) => void,
): Heartbeat<FakeSocket> {
  return new Heartbeat(
    intervalMs,
    2,
    () => sockets.values(),
    () => sockets.size,
    onDead,
  );
}

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every socket once per interval, spread over the interval', () => {
    const sockets = Array.from({ length: 50 }, () => new FakeSocket());
    const heartbeat = heartbeatOf(new Set(sockets), 1000);
    vi.advanceTimersByTime(3000);
    heartbeat.stop();
    for (const socket of sockets) expect(socket.pings).toHaveLength(3);
    const firstPings = new Set(sockets.map((socket) => socket.pings[0]));
    expect(firstPings.size).toBe(3);
  });

  it("sends a tick's pings in bursts, so other work runs in between", () => {
    const sockets = Array.from({ length: 600 }, () => new FakeSocket());
    const heartbeat = heartbeatOf(new Set(sockets), 3000);
    const pinged = () => sockets.filter((socket) => socket.pings.length > 0).length;
    vi.advanceTimersToNextTimer();
    expect(pinged()).toBe(64);
    vi.advanceTimersByTime(50);
    expect(pinged()).toBe(200);
    heartbeat.stop();
  });

  it('pings a lone socket once per interval too', () => {
    const socket = new FakeSocket();
    const heartbeat = heartbeatOf(new Set([socket]), 1000);
    vi.advanceTimersByTime(5000);
    heartbeat.stop();
    expect(socket.pings).toHaveLength(5);
  });

  it('terminates a socket that missed two pongs in a row, and only that one', () => {
    const dead: unknown[] = [];
    const alive = new FakeSocket();
    const ghost = new FakeSocket();
    ghost.answers = false;
    const heartbeat = heartbeatOf(new Set([alive, ghost]), 1000, (socket) => dead.push(socket));
    // Pinged at 2/3 and 5/3 of an interval without answering; the third visit, at 8/3, drops it.
    vi.advanceTimersByTime(2600);
    expect(ghost.terminated).toBe(false);
    vi.advanceTimersByTime(100);
    heartbeat.stop();
    expect(ghost.terminated).toBe(true);
    expect(dead).toEqual([ghost]);
    expect(alive.terminated).toBe(false);
  });

  it('keeps a socket whose pongs the server reports with answered, and drops one it does not', () => {
    const dead: unknown[] = [];
    const reported = new FakeSocket();
    const silent = new FakeSocket();
    reported.answers = false;
    silent.answers = false;
    const heartbeat = heartbeatOf(new Set([reported, silent]), 1000, (socket) => dead.push(socket));
    // The server hears pongs in its sockets' emit and tells the heartbeat.
    reported.ping = function (this: FakeSocket) {
      this.pings.push(Date.now());
      heartbeat.answered(this);
    };
    vi.advanceTimersByTime(5000);
    heartbeat.stop();
    expect(dead).toEqual([silent]);
    expect(reported.pings.length).toBeGreaterThanOrEqual(4);
    expect(reported.terminated).toBe(false);
  });

  it('does not ping a socket that is closing or closed', () => {
    const socket = new FakeSocket();
    const heartbeat = heartbeatOf(new Set([socket]), 1000);
    socket.readyState = 2;
    vi.advanceTimersByTime(3000);
    heartbeat.stop();
    expect(socket.pings).toHaveLength(0);
    expect(socket.terminated).toBe(false);
  });

  it('pings sockets that arrive during a round and skips those that left', () => {
    const [a, b, c] = [new FakeSocket(), new FakeSocket(), new FakeSocket()];
    const sockets = new Set([a, b]);
    const heartbeat = heartbeatOf(sockets, 3000);
    // The round's first tick pings one of the two; then b leaves and c arrives.
    vi.advanceTimersByTime(1000);
    expect(a.pings).toHaveLength(1);
    sockets.delete(b);
    sockets.add(c);
    vi.advanceTimersByTime(2000);
    heartbeat.stop();
    expect(a.pings).toHaveLength(1);
    expect(b.pings).toHaveLength(0);
    expect(c.pings).toHaveLength(1);
  });
});

describe('Heartbeat drops with a hub', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives every silent member it drops exactly one leave notice, however many devices they had', async () => {
    // Only the heartbeat's interval is faked: the hub settles on real immediates.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { connect, settle } = createTestHub();
    const observer = connect();
    await observer.hello('observer', { rooms: ['dev'] });
    const dropped: string[] = [];
    const sockets = new Set<FakeSocket>();
    const heartbeat = heartbeatOf(sockets, 1000);
    const watch = (nick: string, client: ReturnType<typeof connect>, answers: boolean) => {
      const socket = new FakeSocket();
      socket.answers = answers;
      // Terminating a socket closes its connection, as ws does, and the hub is told.
      socket.terminate = function (this: FakeSocket) {
        this.terminated = true;
        this.readyState = this.CLOSED;
        dropped.push(nick);
        void client.disconnect();
      };
      sockets.add(socket);
    };
    watch('observer', observer, true);
    for (let i = 0; i < 5; i++) {
      const silent = connect();
      await silent.hello(`silent${i}`, { rooms: ['dev'] });
      watch(`silent${i}`, silent, false);
    }
    // One person on two devices, both gone silent: one member, so one notice.
    const signup = connect();
    await signup.send({ type: 'register', name: 'uma', password: 'correct horse' });
    const token = signup.peer.of('auth')[0]!.token;
    await signup.disconnect();
    for (const device of ['laptop', 'phone']) {
      const uma = connect();
      await uma.hello('uma', { token, rooms: ['dev'] });
      watch(`uma ${device}`, uma, false);
    }
    observer.peer.clear();
    vi.advanceTimersByTime(4000);
    heartbeat.stop();
    await settle();
    // Leaves in the same moment are one coalesced notice naming them all: each person once.
    const leaves = observer.peer
      .of('message')
      .flatMap((m) => (m.event?.kind === 'leave' ? (m.event.nicks ?? [m.event.nick]) : []));
    const silent = ['silent0', 'silent1', 'silent2', 'silent3', 'silent4'];
    expect(dropped.sort()).toEqual([...silent, 'uma laptop', 'uma phone']);
    expect(leaves.sort()).toEqual([...silent, 'uma']);
    const gone = observer.peer
      .of('presence')
      .flatMap((p) => (p.event === 'leave' ? (p.people?.map((person) => person.nick) ?? [p.nick]) : []));
    expect(gone.sort()).toEqual([...silent, 'uma']);
  });
});
