import type { ServerMessage } from 'aurora-protocol';
import { TestClient } from './ws-client.js';

/** People a moderation test made, so the test can close them all after. */
export class People {
  readonly clients: TestClient[] = [];

  /** A guest connected to `url`, in `rooms` (each joined). */
  async guest(url: string, nick: string, rooms: string[] = ['dev']): Promise<TestClient> {
    const client = await TestClient.join(url, nick, { rooms });
    this.clients.push(client);
    for (const room of rooms) await client.next('joined', (j) => j.room === room);
    return client;
  }

  /**
   * Registers an account (or logs in to it when it exists) and connects as it, in `rooms`, from
   * `address` when given (a loopback address: 127.0.0.2 and up).
   */
  async account(url: string, name: string, rooms: string[] = ['dev'], address?: string): Promise<TestClient> {
    const client = await TestClient.connect(url, address === undefined ? {} : { localAddress: address });
    this.clients.push(client);
    client.send({ type: 'register', name, password: 'correct horse battery', ref: 'reg' });
    const answer = await client.until(() =>
      client.received.find((m) => (m.type === 'auth' || m.type === 'error') && m.ref === 'reg'),
    );
    let token: string;
    if (answer.type === 'auth') token = answer.token;
    else {
      client.send({ type: 'login', name, password: 'correct horse battery', ref: 'login' });
      token = (await client.next('auth', (a) => a.ref === 'login')).token;
    }
    client.send({ type: 'hello', v: 1, nick: name, token, rooms, ref: 'hello' });
    const greeted = await client.until(() =>
      client.received.find((m) => m.type === 'welcome' || (m.type === 'error' && m.ref === 'hello')),
    );
    if (greeted.type === 'error') throw new Error(`hello refused: ${greeted.code}`);
    for (const room of rooms) await client.next('joined', (j) => j.room === room);
    return client;
  }

  /** Closes every connection made. */
  closeAll(): void {
    for (const client of this.clients.splice(0)) client.socket.terminate();
  }
}

/** Sends a request with a fresh ref and waits for the answer (or error) carrying it. */
let refs = 0;
export async function ask(
  client: TestClient,
  request: Parameters<TestClient['send']>[0],
): Promise<ServerMessage> {
  const ref = `q${++refs}`;
  client.send({ ...request, ref });
  return client.until(() => client.received.find((m) => 'ref' in m && m.ref === ref));
}

/** The error code of an answer, or its type when it is not an error. */
export function outcome(message: ServerMessage): string {
  return message.type === 'error' ? message.code : message.type;
}
