import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

/**
 * The Socket.IO 4 baseline: what a typical Node user would write. Members `socket.join(room)` and a
 * message goes out with `io.to(room).emit`, over the WebSocket transport without compression.
 */
const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false });

io.on('connection', (socket) => {
  let nick = '';
  socket.on('hello', (hello: { nick?: unknown; rooms?: unknown }) => {
    if (typeof hello?.nick !== 'string' || !Array.isArray(hello.rooms)) return;
    nick = hello.nick;
    for (const room of hello.rooms) {
      if (typeof room !== 'string') continue;
      socket.join(room);
      socket.emit('joined', { room });
    }
  });
  socket.on('say', (say: { room?: unknown; text?: unknown }) => {
    if (typeof say?.room !== 'string' || !socket.rooms.has(say.room)) return;
    io.to(say.room).emit('message', { room: say.room, from: nick, text: say.text });
  });
});

http.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on ${(http.address() as AddressInfo).port}\n`);
});
