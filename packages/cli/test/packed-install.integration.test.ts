import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type ServerProcess, startServer } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatProcesses } from '../src/testing/chat-process.js';
import { Tmux } from './tmux.js';

// What a user gets from `npm install`: every publishable workspace package (not "private") is packed
// with `pnpm pack`, the tarballs are installed with plain npm into an empty folder outside the
// workspace, and the installed commands are run from there.

const run = promisify(execFile);
const WORKSPACE = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * npm skips better-sqlite3's compile (`--ignore-scripts`; newer npm skips dependency install scripts
 * anyway until approved), which takes about two minutes here with no prebuilt binary to download;
 * the test gives the installed copy the workspace's build of the same version instead.
 */
const sqliteFromWorkspace = dirname(
  createRequire(join(WORKSPACE, 'packages/server/package.json')).resolve('better-sqlite3/package.json'),
);

/** The workspace packages that are published: each folder whose package.json is not private. */
async function publishedPackages(): Promise<{ dir: string; name: string }[]> {
  const found = [];
  for (const folder of await readdir(join(WORKSPACE, 'packages'))) {
    const dir = join(WORKSPACE, 'packages', folder);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}'));
    if (manifest.name && !manifest.private) found.push({ dir, name: manifest.name as string });
  }
  return found;
}

let home = '';
let bin = (_name: string) => '';
let server: ServerProcess | undefined;
let processes: ChatProcesses;
const tmux = new Tmux();

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'aurora-packed-'));
  const sqliteVersion = JSON.parse(await readFile(join(sqliteFromWorkspace, 'package.json'), 'utf8')).version;
  // A package.json of its own keeps npm from installing into a parent folder; the override keeps
  // better-sqlite3 at the version whose build is copied in.
  await writeFile(
    join(home, 'package.json'),
    JSON.stringify({
      name: 'aurora-packed-test',
      private: true,
      overrides: { 'better-sqlite3': sqliteVersion },
    }),
  );
  const tarballs = await Promise.all(
    (await publishedPackages()).map(async ({ dir }) => {
      const { stdout } = await run('pnpm', ['pack', '--pack-destination', home], { cwd: dir });
      return stdout.trim().split('\n').at(-1)!;
    }),
  );
  await run(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
    ],
    { cwd: home },
  );
  const release = join(home, 'node_modules/better-sqlite3/build/Release');
  await mkdir(release, { recursive: true });
  await copyFile(
    join(sqliteFromWorkspace, 'build/Release/better_sqlite3.node'),
    join(release, 'better_sqlite3.node'),
  );
  bin = (name) => join(home, 'node_modules/.bin', name);
  processes = new ChatProcesses({ XDG_CONFIG_HOME: home }, bin('aurora-chat'));
}, 180_000);

afterAll(async () => {
  tmux.kill();
  processes?.killAll();
  await server?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs an installed command to completion from the install folder. */
const installed = (name: string, args: string[]) =>
  run(process.execPath, [bin(name), ...args], { cwd: home, env: { ...process.env, XDG_CONFIG_HOME: home } });

/** aurora-chat's flags for room dev on the installed server, as `name`. */
const inDev = (name: string) => ['--server', server?.wsUrl ?? '', '--room', 'dev', '--name', name];

describe('the packed packages, installed with npm outside the workspace', () => {
  it('each has files, exports, engines, a README and a license; the commands have bins', async () => {
    for (const { name } of await publishedPackages()) {
      const root = join(home, 'node_modules', name);
      const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
      expect(manifest, name).toMatchObject({ license: 'MIT', engines: { node: expect.any(String) } });
      expect(manifest.files, name).toEqual(expect.any(Array));
      expect(manifest.exports, name).toEqual(expect.any(Object));
      expect((await readFile(join(root, 'README.md'), 'utf8')).length, name).toBeGreaterThan(200);
      expect(await readFile(join(root, 'LICENSE'), 'utf8'), name).toMatch(/MIT License/);
    }
    const chat = JSON.parse(await readFile(join(home, 'node_modules/aurora-chat/package.json'), 'utf8'));
    // The client is one bundle with the patched Ink inside: nothing to fetch beside it.
    expect(chat.dependencies ?? {}).toEqual({});
  });

  it('aurora-server and aurora-chat answer --version and --help', async () => {
    for (const name of ['aurora-server', 'aurora-chat']) {
      const manifest = JSON.parse(await readFile(join(home, 'node_modules', name, 'package.json'), 'utf8'));
      expect((await installed(name, ['--version'])).stdout.trim()).toBe(manifest.version);
      expect((await installed(name, ['--help'])).stdout).toContain(`Usage: ${name} [options]`);
    }
  });

  it('the installed server serves the browser client; send stores a message and tail --json reads it', async () => {
    server = await startServer({ bin: bin('aurora-server'), dataDir: join(home, 'data') });
    const page = await fetch(`${server.httpUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script[^>]+app\.js/);
    expect((await fetch(`${server.httpUrl}/app.js`)).status).toBe(200);
    expect(await (await fetch(`${server.httpUrl}/healthz`)).json()).toMatchObject({ status: 'ok' });

    const sent = await processes.run(['send', ...inDev('ci'), 'build **412**']);
    expect(sent).toEqual({ code: 0, stdout: '', stderr: '' });
    const watcher = processes.follow(['tail', ...inDev('watcher'), '--history', '5', '--json']);
    const line = await watcher.waitFor(/build \*\*412\*\*/);
    expect(JSON.parse(line)).toMatchObject({ kind: 'chat', room: 'dev', from: 'ci', text: 'build **412**' });
    watcher.child.kill('SIGTERM');
  });

  it.skipIf(!Tmux.available())('the installed terminal client joins a room in a terminal', async () => {
    if (!server) throw new Error('the server test did not run');
    tmux.start('alice', [
      'env',
      `XDG_CONFIG_HOME=${home}`,
      process.execPath,
      bin('aurora-chat'),
      '--bell',
      'off',
      ...inDev('alice'),
    ]);
    await tmux.waitFor('alice', /online[\s\S]*#dev[\s\S]*alice joined/);
    const watcher = processes.follow(['tail', ...inDev('bob'), '--history', '1', '--json']);
    await watcher.waitFor(/"bob joined"/);
    await tmux.waitFor('alice', /bob joined/);
    watcher.child.kill('SIGTERM');
  });

  it("without better-sqlite3's native module (npm 11 skips its build), the server says how to fix it", async () => {
    const addon = join(home, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    await rename(addon, `${addon}.away`);
    try {
      const failed = await installed('aurora-server', ['--port', '0', '--data', join(home, 'data-2')]).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed).toMatchObject({ code: 1 });
      const lines = (failed as { stderr: string }).stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringContaining('npm install-scripts approve better-sqlite3')]);
    } finally {
      await rename(`${addon}.away`, addon);
    }
  });
});
