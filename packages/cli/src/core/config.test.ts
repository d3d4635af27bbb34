import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configPath, loadConfig } from './config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aurora-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const file = async (name: string, text: string) => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('configPath', () => {
  it('follows AURORA_CONFIG, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(configPath({ AURORA_CONFIG: '/x/c.json', XDG_CONFIG_HOME: '/xdg' }, '/home/a', 'linux')).toBe(
      '/x/c.json',
    );
    expect(configPath({ XDG_CONFIG_HOME: '/xdg' }, '/home/a', 'linux')).toBe('/xdg/aurora/config.json');
    expect(configPath({}, '/home/a', 'linux')).toBe('/home/a/.config/aurora/config.json');
  });
});

describe('loadConfig', () => {
  it('reads every known key', async () => {
    const path = await file(
      'good.json',
      '{"server":"chat.example:8000","name":"alice","rooms":["dev","ops"],"bell":"all","hyperlinks":false}',
    );
    expect(await loadConfig(path)).toEqual({
      ok: true,
      path,
      config: {
        server: 'chat.example:8000',
        name: 'alice',
        rooms: ['dev', 'ops'],
        bell: 'all',
        hyperlinks: false,
      },
      warnings: [],
    });
  });

  it('treats a missing file as empty, unless it was asked for by name', async () => {
    expect(await loadConfig(join(dir, 'none.json'))).toMatchObject({ ok: true, config: {} });
    expect(await loadConfig(join(dir, 'none.json'), true)).toMatchObject({
      ok: false,
      message: expect.stringContaining('does not exist'),
    });
  });

  it('names the file and the reason when it is not JSON', async () => {
    const path = await file('broken.json', '{"server": ');
    const loaded = await loadConfig(path);
    expect(loaded).toMatchObject({ ok: false, code: 'bad_config' });
    expect(!loaded.ok && loaded.message).toMatch(new RegExp(`^config file ${path}: it is not valid JSON`));
  });

  it('names the key that holds a wrong value', async () => {
    const loaded = await loadConfig(await file('bell.json', '{"bell":"loud"}'));
    expect(!loaded.ok && loaded.message).toMatch(
      /"bell": Invalid type: Expected \("off" \| "mentions" \| "all"\)/,
    );
    const array = await loadConfig(await file('array.json', '[]'));
    expect(!array.ok && array.message).toContain('must hold a JSON object');
  });

  it('warns about unknown keys instead of failing', async () => {
    const loaded = await loadConfig(await file('extra.json', '{"name":"alice","belll":"off"}'));
    expect(loaded).toMatchObject({ ok: true, config: { name: 'alice' } });
    expect(loaded.ok && loaded.warnings[0]).toContain('unknown key "belll"');
  });
});
