import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, CredentialsError, credentialsPath } from './credentials.js';

const SERVER = 'ws://localhost:8000/ws';
const OTHER = 'wss://chat.example.com/ws';
const session = (name: string, token = `t-${name}`) => ({ name, token, expiresAt: 1_900_000_000_000 });

let folder = '';
let path = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aurora-credentials-'));
  path = join(folder, 'aurora', 'credentials.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('credentialsPath', () => {
  it('lives in the XDG config folder, else ~/.config, else %APPDATA% on Windows', () => {
    expect(credentialsPath({ XDG_CONFIG_HOME: '/x' }, '/home/a', 'linux')).toBe('/x/aurora/credentials.json');
    expect(credentialsPath({}, '/home/a', 'linux')).toBe('/home/a/.config/aurora/credentials.json');
    expect(credentialsPath({ APPDATA: 'C:/AppData' }, 'C:/Users/a', 'win32')).toBe(
      join('C:/AppData', 'aurora', 'credentials.json'),
    );
  });
});

describe('CredentialStore', () => {
  it('reads nothing before anything is saved', async () => {
    expect(await new CredentialStore(path).get(SERVER, 'alice')).toBeUndefined();
  });

  it('saves a session only its owner can read, in a folder only its owner can enter', async () => {
    const store = new CredentialStore(path);
    await store.save(SERVER, session('alice'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder, 'aurora'))).mode & 0o777).toBe(0o700);
    expect(await store.get(SERVER, 'alice')).toEqual(session('alice'));
  });

  it('keeps one session per server and canonical name: Alice and ALICE are one account', async () => {
    const store = new CredentialStore(path);
    await store.save(SERVER, session('Alice', 'first'));
    await store.save(SERVER, session('bob'));
    await store.save(OTHER, session('alice', 'elsewhere'));
    await store.save(SERVER, session('ALICE', 'second'));
    expect(await store.get(SERVER, 'alice')).toEqual(session('ALICE', 'second'));
    expect(await store.get(OTHER, 'Alice')).toEqual(session('alice', 'elsewhere'));
    expect(await store.get(SERVER, 'bob')).toEqual(session('bob'));
    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(file.servers[SERVER])).toEqual(['alice', 'bob']);
  });

  it('replaces the file atomically, leaving no temporary file, and fixes a loose mode', async () => {
    const store = new CredentialStore(path);
    await store.save(SERVER, session('alice'));
    await chmod(path, 0o644);
    await store.save(SERVER, session('bob'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(folder, 'aurora'))).toEqual(['credentials.json']);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'finds no session for a name called %s that was never stored',
    async (name) => {
      const store = new CredentialStore(path);
      await store.save(SERVER, session('alice'));
      expect(await store.get(SERVER, name)).toBeUndefined();
      expect(await store.get(name, 'alice')).toBeUndefined();
      expect(await store.remove(SERVER, name)).toBe(false);
      expect(await store.get(SERVER, 'alice')).toEqual(session('alice'));
    },
  );

  it.each(['constructor', '__proto__', 'toString'])(
    'keeps the session of an account called %s across reads, and removes it',
    async (name) => {
      const store = new CredentialStore(path);
      await store.save(SERVER, session(name));
      await store.save(SERVER, session('alice'));
      expect(await new CredentialStore(path).get(SERVER, name)).toEqual(session(name));
      expect(await store.remove(SERVER, name)).toBe(true);
      expect(await store.get(SERVER, name)).toBeUndefined();
      expect(await store.get(SERVER, 'alice')).toEqual(session('alice'));
    },
  );

  it('removes a session, and with a token only while it is still that one', async () => {
    const store = new CredentialStore(path);
    await store.save(SERVER, session('alice', 'new'));
    await store.save(SERVER, session('bob'));
    expect(await store.remove(SERVER, 'alice', 'old')).toBe(false);
    expect(await store.get(SERVER, 'alice')).toBeDefined();
    expect(await store.remove(SERVER, 'ALICE', 'new')).toBe(true);
    expect(await store.get(SERVER, 'alice')).toBeUndefined();
    expect(await store.remove(SERVER, 'bob')).toBe(true);
    expect(await store.remove(SERVER, 'bob')).toBe(false);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, servers: {} });
  });

  it('names the file and the problem when it is not what the client wrote', async () => {
    const store = new CredentialStore(path);
    await store.save(SERVER, session('alice'));
    await writeFile(path, '{"version": 1, "servers": {"ws://x/ws": {"alice": {"name": "alice"}}}}');
    const error = await store.get(SERVER, 'alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as CredentialsError).code).toBe('bad_credentials');
    expect((error as Error).message).toContain(`credentials file ${path}: "servers.ws://x/ws.alice.token"`);
    await writeFile(path, 'not json');
    await expect(store.save(SERVER, session('bob'))).rejects.toThrow(/credentials file .* not valid JSON/);
    expect(await readFile(path, 'utf8')).toBe('not json');
  });
});
