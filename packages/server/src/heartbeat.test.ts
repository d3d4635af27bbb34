import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { Heartbeat } from './heartbeat.js';
import { createTestHub } from './testing/test-hub.js';

/** The parts of a ws socket the heartbeat uses; `answers` controls whether pings get a pong. */
class FakeSocket {
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = 1;
  answers = true;
  pings: number[] = [];
  terminated = false;
  private onPong: ((this: FakeSocket) => void) | undefined;

  on(event: string, listener: (this: FakeSocket) => void): void {
    if (event === 'pong') this.onPong = listener;
  }

  ping(): void {
    this.pings.push(Date.now());
    if (this.answers) this.onPong?.call(this);
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = this.CLOSED;
  }
}

const ws = (socket: FakeSocket) => socket as unknown as WebSocket;

describe('Heartbeat', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings every socket once per interval, spread over the interval', () => {
    const heartbeat = new Heartbeat(1000, 2);
    const sockets = Array.from({ length: 50 }, () => new FakeSocket());
    for (const socket of sockets) heartbeat.watch(ws(socket));
    vi.advanceTimersByTime(3000);
    heartbeat.stop();
    for (const socket of sockets) expect(socket.pings).toHaveLength(3);
    const firstPings = new Set(sockets.map((socket) => socket.pings[0]));
    expect(firstPings.size).toBe(3);
  });

  it("sends a tick's pings in bursts, so other work runs in between", () => {
    const heartbeat = new Heartbeat(3000, 2);
    const sockets = Array.from({ length: 600 }, () => new FakeSocket());
    for (const socket of sockets) heartbeat.watch(ws(socket));
    const pinged = () => sockets.filter((socket) => socket.pings.length > 0).length;
    vi.advanceTimersToNextTimer();
    expect(pinged()).toBe(64);
    vi.advanceTimersByTime(50);
    expect(pinged()).toBe(200);
    heartbeat.stop();
  });

  it('pings a lone socket once per interval too', () => {
    const heartbeat = new Heartbeat(1000, 2);
    const socket = new FakeSocket();
    heartbeat.watch(ws(socket));
    vi.advanceTimersByTime(5000);
    heartbeat.stop();
    expect(socket.pings).toHaveLength(5);
  });

  it('terminates a socket that missed two pongs in a row, and only that one', () => {
    const dead: unknown[] = [];
    const heartbeat = new Heartbeat(1000, 2, (socket) => dead.push(socket));
    const alive = new FakeSocket();
    const ghost = new FakeSocket();
    ghost.answers = false;
    heartbeat.watch(ws(alive));
    heartbeat.watch(ws(ghost));
    // Pinged at 2/3 and 5/3 of an interval without answering; the third visit, at 8/3, drops it.
    vi.advanceTimersByTime(2600);
    expect(ghost.terminated).toBe(false);
    vi.advanceTimersByTime(100);
    heartbeat.stop();
    expect(ghost.terminated).toBe(true);
    expect(dead).toEqual([ghost]);
    expect(alive.terminated).toBe(false);
  });

  it('keeps a tracked socket whose pongs the caller reports, and drops one it does not', () => {
    const dead: unknown[] = [];
    const heartbeat = new Heartbeat(1000, 2, (socket) => dead.push(socket));
    const reported = new FakeSocket();
    const silent = new FakeSocket();
    heartbeat.track(ws(reported));
    heartbeat.track(ws(silent));
    // No listeners: the server hears pongs in its sockets' emit and tells the heartbeat.
    reported.ping = function (this: FakeSocket) {
      this.pings.push(Date.now());
      heartbeat.answered(ws(this));
    };
    vi.advanceTimersByTime(5000);
    heartbeat.stop();
    expect(dead).toEqual([silent]);
    expect(reported.pings.length).toBeGreaterThanOrEqual(4);
    expect(reported.terminated).toBe(false);
  });

  it('forgets a closed socket instead of pinging it', () => {
    const heartbeat = new Heartbeat(1000, 2);
    const socket = new FakeSocket();
    heartbeat.watch(ws(socket));
    socket.readyState = socket.CLOSED;
    vi.advanceTimersByTime(3000);
    heartbeat.stop();
    expect(socket.pings).toHaveLength(0);
    expect(socket.terminated).toBe(false);
  });

  it('counts and lists the open sockets it tracks (the server keeps no other set of them)', () => {
    const heartbeat = new Heartbeat(1000, 2);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    heartbeat.track(ws(a));
    heartbeat.track(ws(b));
    expect(heartbeat.size).toBe(2);
    heartbeat.forget(ws(a));
    expect(heartbeat.size).toBe(1);
    expect([...heartbeat.sockets()]).toEqual([ws(b)]);
    heartbeat.stop();
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
    const heartbeat = new Heartbeat(1000, 2, () => {});
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
      heartbeat.watch(ws(socket));
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
