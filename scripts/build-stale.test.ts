import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStale } from './build-stale.mjs';

// A two-package workspace in a temporary folder: app depends on lib; each build writes dist/.
let root = '';

/** Writes a file, its modification time `secondsAgo` in the past (builds happen "now"). */
async function write(path: string, text: string, secondsAgo = 60): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), text);
  const at = new Date(Date.now() - secondsAgo * 1000);
  await utimes(join(root, path), at, at);
}

async function addPackage(name: string, deps: Record<string, string>): Promise<void> {
  const build = `node -e "require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.js','')"`;
  await write(
    `packages/${name}/package.json`,
    JSON.stringify({ name, version: '1.0.0', scripts: { build }, dependencies: deps }),
  );
  await write(`packages/${name}/src/index.ts`, 'export {};');
}

/** Runs build-stale for `app` and returns the names it built. */
const run = () => buildStale(root, ['app'], () => {});

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aurora-build-stale-'));
  await write('tsconfig.json', '{}');
  // corepack runs the workspace's pnpm only where a package.json names it.
  const { packageManager } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
  await write('package.json', JSON.stringify({ name: 'fixture', private: true, packageManager }));
  await addPackage('lib', {});
  await addPackage('app', { lib: 'workspace:*' });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('build-stale', () => {
  it('builds what was never built, dependencies first, and nothing the second time', () => {
    expect(run()).toEqual(['lib', 'app']);
    expect(run()).toEqual([]);
  });

  it('rebuilds a package whose source changed, and what depends on it', async () => {
    run();
    await write('packages/lib/src/index.ts', 'export const x = 1;', 0);
    expect(run()).toEqual(['lib', 'app']);
    await write('packages/app/src/index.ts', 'export const y = 2;', 0);
    expect(run()).toEqual(['app']);
  });

  it('notices a removed source file and a changed root tsconfig', async () => {
    await write('packages/app/src/old.ts', 'export {};');
    run();
    await rm(join(root, 'packages/app/src/old.ts'));
    expect(run()).toEqual(['app']);
    await write('tsconfig.json', '{"compilerOptions":{}}', 0);
    expect(run()).toEqual(['lib', 'app']);
  });
});
