import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GuestPrefsFile, guestPrefsPath } from './guest-prefs.js';

describe('guest preferences file', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'aurora-prefs-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('lives beside the credentials', () => {
    expect(guestPrefsPath({ XDG_CONFIG_HOME: '/x' }, '/home/a', 'linux')).toBe('/x/aurora/guest-prefs.json');
    expect(guestPrefsPath({}, '/home/a', 'linux')).toBe('/home/a/.config/aurora/guest-prefs.json');
  });

  it('keeps preferences per server, and reads them back', async () => {
    const file = new GuestPrefsFile(join(folder, 'aurora', 'guest-prefs.json'));
    const one = file.forServer('ws://one:8000/ws');
    const two = file.forServer('ws://two:8000/ws');
    await one.save({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [{ target: 'constructor' }],
      keywords: ['deploy'],
      ignored: ['troll'],
    });
    await two.save({ levels: [], mutes: [], keywords: ['pager'], ignored: [] });
    const loaded = await one.load();
    expect(loaded.keywords).toEqual(['deploy']);
    expect(loaded).toEqual({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [{ target: 'constructor' }],
      keywords: ['deploy'],
      ignored: ['troll'],
    });
    expect((await two.load()).keywords).toEqual(['pager']);
    expect((await file.forServer('ws://three/ws').load()).keywords).toEqual([]);
    expect(JSON.parse(await readFile(file.path, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('reads a file kept before ignoring existed as ignoring nobody', async () => {
    const path = join(folder, 'guest-prefs.json');
    const old = { levels: [], mutes: [{ target: 'dev' }], keywords: ['x'] };
    await writeFile(path, JSON.stringify({ version: 1, servers: { 'ws://one/ws': old } }));
    expect(await new GuestPrefsFile(path).forServer('ws://one/ws').load()).toEqual({ ...old, ignored: [] });
  });

  it('treats a file it cannot read as no preferences, and replaces it on the next save', async () => {
    const path = join(folder, 'guest-prefs.json');
    await writeFile(path, 'not json');
    const prefs = new GuestPrefsFile(path).forServer('ws://one/ws');
    expect(await prefs.load()).toEqual({ levels: [], mutes: [], keywords: [], ignored: [] });
    await prefs.save({ levels: [], mutes: [], keywords: ['x'], ignored: [] });
    expect((await prefs.load()).keywords).toEqual(['x']);
  });
});
