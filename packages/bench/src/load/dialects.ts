import type { RawClient } from './raw-client.js';

/** What a client says when it joins: its nick and its one room. */
export interface Greeting {
  readonly nick: string;
  readonly room: string;
}

/**
 * How the generator speaks to one kind of server. Every server implements the same room semantics
 * (hello with a room, say to the room, every member including the sender gets the message); only
 * the envelope differs.
 */
export interface Dialect {
  /** The WebSocket request path. */
  readonly path: string;
  /** Bytes a room message frame starts with; other frames are control traffic. */
  readonly messagePrefix: Buffer;
  /** Called once the socket is upgraded. */
  opened(client: RawClient, greeting: Greeting): void;
  /** Handles a frame that is not a room message; returns true once the client is in its room. */
  control(client: RawClient, greeting: Greeting, data: Buffer, start: number, end: number): boolean;
  /** The text of one `say`; `text` and `cid` need no JSON escaping. */
  say(room: string, text: string, cid: string): string;
  /**
   * When a control frame refuses the greeting for load (Aurora's `server_busy`): the ms the server
   * asked the client to wait before connecting again. A real client does so; the fleet does too.
   */
  busy?(data: Buffer, start: number, end: number): number | undefined;
}

/** A server's "come back in `ms`", stretched by up to half as clients do, so they do not all return at once. */
export function jitteredRetry(ms: number): number {
  return Math.round(ms * (1 + Math.random() / 2));
}

function startsWith(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  return (
    end - start >= prefix.length && data.compare(prefix, 0, prefix.length, start, start + prefix.length) === 0
  );
}

const JOINED = Buffer.from('{"type":"joined"');
const ERROR = Buffer.from('{"type":"error"');

/** Aurora's protocol (PROTOCOL.md); the bare ws and FastAPI baselines speak the same subset. */
export const auroraDialect: Dialect = {
  path: '/ws',
  messagePrefix: Buffer.from('{"type":"message"'),
  opened(client, { nick, room }) {
    client.sendText(`{"type":"hello","v":1,"nick":"${nick}","rooms":["${room}"]}`);
  },
  control: (_client, _greeting, data, start, end) => startsWith(data, start, end, JOINED),
  say: (room, text, cid) => `{"type":"say","room":"${room}","text":"${text}","cid":"${cid}"}`,
  busy(data, start, end) {
    if (!startsWith(data, start, end, ERROR)) return undefined;
    const frame = JSON.parse(data.toString('utf8', start, end)) as { code?: string; retryAfterMs?: number };
    return frame.code === 'server_busy' ? (frame.retryAfterMs ?? 1000) : undefined;
  },
};

const ENGINE_PING = Buffer.from('2');
const ENGINE_OPEN = Buffer.from('0{');
const SOCKET_CONNECTED = Buffer.from('40');
const SOCKET_JOINED = Buffer.from('42["joined"');

/**
 * Socket.IO 4 spoken over a plain WebSocket (Engine.IO v4, `transport=websocket`): `0{...}` opens,
 * `40` connects the default namespace, `42[event, data]` carries events, and the server's `2`
 * pings are answered with `3`. The same raw client then drives every server.
 */
export const socketIoDialect: Dialect = {
  path: '/socket.io/?EIO=4&transport=websocket',
  messagePrefix: Buffer.from('42["message"'),
  opened() {},
  control(client, { nick, room }, data, start, end) {
    if (end - start === 1 && data[start] === ENGINE_PING[0]) client.sendText('3');
    else if (startsWith(data, start, end, ENGINE_OPEN)) client.sendText('40');
    else if (startsWith(data, start, end, SOCKET_JOINED)) return true;
    else if (startsWith(data, start, end, SOCKET_CONNECTED))
      client.sendText(`42["hello",{"nick":"${nick}","rooms":["${room}"]}]`);
    return false;
  },
  say: (room, text, cid) => `42["say",{"room":"${room}","text":"${text}","cid":"${cid}"}]`,
};
