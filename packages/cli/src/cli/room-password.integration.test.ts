import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatProcesses } from '../testing/chat-process.js';

// A script posting to a room with a join password: the password comes from AURORA_ROOM_PASSWORD (a
// flag would show in the process list), for the rooms named with --room.

let server: ServerProcess;
let home = '';

/** olga registers, makes #vault (so owns it) and gives it a join password, over a raw socket. */
async function passwordRoom(url: string, room: string, password: string): Promise<void> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'register', name: 'olga', password: 'correct horse battery' })),
    );
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'auth')
        socket.send(JSON.stringify({ type: 'hello', v: 1, nick: 'olga', token: frame.token, rooms: [room] }));
      else if (frame.type === 'joined')
        socket.send(JSON.stringify({ type: 'mode', room, set: { password } }));
      else if (frame.type === 'mode') resolve();
      else if (frame.type === 'error') reject(new Error(`${frame.code}: ${frame.message}`));
    });
  });
  socket.close();
}

beforeAll(async () => {
  server = await startServer({ memory: true });
  home = await mkdtemp(join(tmpdir(), 'aurora-room-password-'));
  await passwordRoom(server.wsUrl, 'vault', 'sesame');
});

afterAll(async () => {
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

it('sends to a password room with AURORA_ROOM_PASSWORD, and says why without it', async () => {
  const args = [
    'send',
    '--server',
    server.wsUrl,
    '--room',
    'vault',
    '--name',
    'scripty',
    'nightly build passed',
  ];
  const without = await new ChatProcesses({ XDG_CONFIG_HOME: home }).run(args);
  expect(without.code).toBe(1);
  expect(without.stderr).toMatch(/#vault needs a password.*\[not_member\]/);
  const wrong = await new ChatProcesses({ XDG_CONFIG_HOME: home, AURORA_ROOM_PASSWORD: 'open' }).run(args);
  expect(wrong.stderr).toContain('[bad_room_password]');
  const right = await new ChatProcesses({ XDG_CONFIG_HOME: home, AURORA_ROOM_PASSWORD: 'sesame' }).run(args);
  expect(right).toMatchObject({ code: 0, stderr: '' });
  const read = await new ChatProcesses({ XDG_CONFIG_HOME: home, AURORA_ROOM_PASSWORD: 'sesame' }).run([
    'tail',
    '--server',
    server.wsUrl,
    '--room',
    'vault',
    '--name',
    'reader',
    '--history',
    '10',
    '--until-idle',
  ]);
  expect(read.stdout).toContain('nightly build passed');
});
