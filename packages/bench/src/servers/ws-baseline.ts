import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Sender, type WebSocket, WebSocketServer } from 'ws';

/**
 * The bare `ws` baseline: the same room semantics as Aurora with nothing else. A broadcast is
 * serialised and framed once and the same bytes are written straight to every member's socket,
 * which is the practical ceiling of Node and `ws` on one process.
 */
interface Member {
  nick: string;
  readonly rooms: Set<string>;
}

const rooms = new Map<string, Set<Duplex>>();
const http = createServer((_request, response) => response.writeHead(404).end());
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });

http.on('upgrade', (request, socket: Duplex, head: Buffer) =>
  wss.handleUpgrade(request, socket, head, (ws) => accept(ws, socket)),
);

function accept(ws: WebSocket, socket: Duplex): void {
  const member: Member = { nick: '', rooms: new Set() };
  ws.on('message', (data: Buffer) => {
    let message: { type?: unknown; nick?: unknown; rooms?: unknown; room?: unknown; text?: unknown };
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (message.type === 'hello' && typeof message.nick === 'string' && Array.isArray(message.rooms)) {
      member.nick = message.nick;
      for (const room of message.rooms) {
        if (typeof room !== 'string') continue;
        member.rooms.add(room);
        const members = rooms.get(room) ?? new Set<Duplex>();
        rooms.set(room, members);
        members.add(socket);
        ws.send(JSON.stringify({ type: 'joined', room }));
      }
    } else if (message.type === 'say' && typeof message.room === 'string' && member.rooms.has(message.room)) {
      const payload = JSON.stringify({
        type: 'message',
        room: message.room,
        from: member.nick,
        text: message.text,
      });
      broadcast(message.room, payload);
    }
  });
  ws.once('close', () => {
    for (const room of member.rooms) rooms.get(room)?.delete(socket);
  });
}

function broadcast(room: string, payload: string): void {
  const members = rooms.get(room);
  if (!members) return;
  const frame = Buffer.concat(
    Sender.frame(Buffer.from(payload), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }),
  );
  for (const socket of members) socket.write(frame);
}

http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on ${(http.address() as AddressInfo).port}\n`);
});
