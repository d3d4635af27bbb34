import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { resolveSettings } from './settings.js';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'aurora-home-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const sources = (env: NodeJS.ProcessEnv = {}) => ({
  env: { XDG_CONFIG_HOME: join(home, 'none'), ...env },
  home,
  username: 'alice',
});
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliError)) throw new Error(`expected a CliError, got ${String(error)}`);
  return { code: error.code, message: error.message, exitCode: error.exitCode };
};

describe('resolveSettings', () => {
  it('falls back to localhost:8000, the login name, no rooms and the bell on mentions', async () => {
    expect(await resolveSettings({}, sources())).toEqual({
      url: 'ws://localhost:8000/ws',
      server: 'localhost:8000',
      nick: 'alice',
      rooms: [],
      bell: 'mentions',
      notify: 'auto',
      title: 'on',
      hyperlinks: true,
      quietJoins: 50,
      wait: false,
      warnings: [],
    });
  });

  it('prefers flags to the environment, and the environment to the config file', async () => {
    const config = join(home, 'config.json');
    await writeFile(
      config,
      JSON.stringify({ server: 'from-config:1', name: 'configured', rooms: 'a,b', bell: 'off' }),
    );
    const env = { AURORA_CONFIG: config };
    expect(await resolveSettings({}, sources(env))).toMatchObject({
      url: 'ws://from-config:1/ws',
      nick: 'configured',
      rooms: ['a', 'b'],
      bell: 'off',
    });
    expect(
      await resolveSettings(
        {},
        sources({ ...env, AURORA_SERVER: 'https://env.example', AURORA_NAME: 'envy' }),
      ),
    ).toMatchObject({
      url: 'wss://env.example/ws',
      nick: 'envy',
    });
    expect(
      await resolveSettings(
        { server: 'flag:2', name: 'flagged', room: ['#Dev,ops', 'dev'], bell: 'all' },
        sources({ ...env, AURORA_SERVER: 'env:3' }),
      ),
    ).toMatchObject({ url: 'ws://flag:2/ws', nick: 'flagged', rooms: ['dev', 'ops'], bell: 'all' });
  });

  it('stops on a bad value with one clear reason', async () => {
    expect(await failure(resolveSettings({ server: 'ftp://x' }, sources()))).toMatchObject({
      code: 'bad_server_address',
      exitCode: 2,
    });
    expect(await failure(resolveSettings({ name: 'two words' }, sources()))).toMatchObject({
      code: 'bad_usage',
      message: expect.stringContaining('"two words" cannot be a name'),
    });
    expect(await failure(resolveSettings({ room: ['no spaces'] }, sources()))).toMatchObject({
      message: expect.stringContaining('"no spaces" cannot be a room'),
    });
    expect(await failure(resolveSettings({ bell: 'loud' }, sources()))).toMatchObject({
      message: '--bell takes off, mentions or all, not "loud"',
    });
    const long = sources({ AURORA_ROOM_PASSWORD: 'x'.repeat(65) });
    expect(await failure(resolveSettings({ room: ['vault'] }, long))).toMatchObject({
      code: 'bad_usage',
      message: expect.stringContaining('AURORA_ROOM_PASSWORD is longer than a room password may be (64'),
    });
    expect(
      await resolveSettings({ room: ['vault'] }, sources({ AURORA_ROOM_PASSWORD: 'sesame' })),
    ).toMatchObject({
      rooms: ['vault'],
      roomPassword: 'sesame',
    });
  });

  it('takes --notify from the flag, else the config file, else auto', async () => {
    const config = join(home, 'notify.json');
    await writeFile(config, JSON.stringify({ notify: 'osc9' }));
    expect(await resolveSettings({}, sources())).toMatchObject({ notify: 'auto' });
    expect(await resolveSettings({}, sources({ AURORA_CONFIG: config }))).toMatchObject({ notify: 'osc9' });
    expect(await resolveSettings({ notify: 'off' }, sources({ AURORA_CONFIG: config }))).toMatchObject({
      notify: 'off',
    });
  });

  it('takes --title on or off, from the flag or the config file, and refuses anything else', async () => {
    const config = join(home, 'title.json');
    await writeFile(config, JSON.stringify({ title: 'off' }));
    expect(await resolveSettings({}, sources({ AURORA_CONFIG: config }))).toMatchObject({ title: 'off' });
    expect(await resolveSettings({ title: 'on' }, sources({ AURORA_CONFIG: config }))).toMatchObject({
      title: 'on',
    });
    expect(await failure(resolveSettings({ title: 'loud' }, sources()))).toEqual({
      code: 'bad_usage',
      message: '--title takes on or off, not "loud"',
      exitCode: 2,
    });
  });

  it('refuses an unknown --notify, listing the choices', async () => {
    expect(await failure(resolveSettings({ notify: 'loud' }, sources()))).toEqual({
      code: 'bad_usage',
      message: '--notify takes auto, osc777, osc9, osc99, bell or off, not "loud"',
      exitCode: 2,
    });
    const config = join(home, 'bad-notify.json');
    await writeFile(config, JSON.stringify({ notify: 'osc777;x' }));
    expect(await failure(resolveSettings({}, sources({ AURORA_CONFIG: config })))).toEqual({
      code: 'bad_config',
      message: `config file ${config}: "notify": notify takes auto, osc777, osc9, osc99, bell or off`,
      exitCode: 2,
    });
  });

  it('takes --quiet-joins as a member count, always or never, from the flag, else the config file', async () => {
    const config = join(home, 'quiet.json');
    await writeFile(config, JSON.stringify({ quietJoins: 'always' }));
    expect(await resolveSettings({}, sources({ AURORA_CONFIG: config }))).toMatchObject({ quietJoins: 0 });
    expect(await resolveSettings({ quietJoins: 'never' }, sources())).toMatchObject({
      quietJoins: Number.POSITIVE_INFINITY,
    });
    expect(await resolveSettings({ quietJoins: '200' }, sources({ AURORA_CONFIG: config }))).toMatchObject({
      quietJoins: 200,
    });
    await writeFile(config, JSON.stringify({ quietJoins: 10 }));
    expect(await resolveSettings({}, sources({ AURORA_CONFIG: config }))).toMatchObject({ quietJoins: 10 });
  });

  it('refuses a --quiet-joins that is neither a member count nor always or never, listing the choices', async () => {
    expect(await failure(resolveSettings({ quietJoins: 'some' }, sources()))).toEqual({
      code: 'bad_usage',
      message:
        '--quiet-joins takes a number of members (hide in rooms with more), always or never, not "some"',
      exitCode: 2,
    });
    const config = join(home, 'bad-quiet.json');
    await writeFile(config, JSON.stringify({ quietJoins: -5 }));
    expect(await failure(resolveSettings({}, sources({ AURORA_CONFIG: config })))).toEqual({
      code: 'bad_config',
      message: `config file ${config}: "quietJoins": quietJoins takes a number of members (hide in rooms with more), always or never`,
      exitCode: 2,
    });
  });

  it('names the config file when it is bad, and when a named one is missing', async () => {
    const bad = join(home, 'bad.json');
    await writeFile(bad, '{"rooms": 5}');
    expect(await failure(resolveSettings({ config: bad }, sources()))).toMatchObject({
      code: 'bad_config',
      message: expect.stringContaining(`config file ${bad}: "rooms"`),
    });
    expect(await failure(resolveSettings({ config: join(home, 'missing.json') }, sources()))).toMatchObject({
      code: 'bad_config',
      message: expect.stringContaining('does not exist'),
    });
  });
});
