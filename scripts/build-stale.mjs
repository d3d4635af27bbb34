// Builds the workspace packages a command needs, skipping each one whose dist/ is newer than
// everything it is built from, so `pnpm start` and `pnpm chat` start at once when nothing changed (a
// full `pnpm build` takes about 11 s). Usage: node scripts/build-stale.mjs PACKAGE...
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root files every package's build reads (compiler options, dependency versions, patches). */
const ROOT_INPUTS = ['tsconfig.json', 'pnpm-lock.yaml', 'patches'];
/** What is never a build input: outputs and installed dependencies. */
const SKIPPED = new Set(['node_modules', 'dist', '.git']);

/** The workspace's packages by name: folder and the workspace packages they depend on. */
export function readWorkspace(root) {
  const packages = new Map();
  for (const folder of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', folder);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const all = { ...manifest.dependencies, ...manifest.devDependencies };
    const deps = Object.keys(all).filter((name) => String(all[name]).startsWith('workspace:'));
    packages.set(manifest.name, { dir, deps, buildable: Boolean(manifest.scripts?.build) });
  }
  return packages;
}

/**
 * The newest modification time of a file or folder under `path` (a removed file changes its folder's).
 * The top folder's own time is left out when `withTop` is false: a package's build removes and makes
 * its dist/ there.
 */
export function newestChange(path, withTop = true) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  let newest = withTop ? stat.mtimeMs : 0;
  if (stat.isDirectory())
    for (const entry of readdirSync(path))
      if (!SKIPPED.has(entry)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** When `dir`'s dist/ was built (its modification time), or undefined when there is none. */
function builtAt(dir) {
  try {
    return statSync(join(dir, 'dist')).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Why `name` must be rebuilt, or undefined when its dist/ is up to date: dist/ is missing, or a file
 * under the package, a root build input or a workspace dependency's dist/ changed after it.
 */
export function staleReason(root, packages, name, rebuilt = new Set()) {
  const { dir, deps } = packages.get(name);
  const built = builtAt(dir);
  if (built === undefined) return 'not built yet';
  if (newestChange(dir, false) > built) return 'its files changed';
  if (Math.max(...ROOT_INPUTS.map((input) => newestChange(join(root, input)))) > built)
    return 'tsconfig.json, pnpm-lock.yaml or patches/ changed';
  for (const dep of deps) {
    const depDir = packages.get(dep)?.dir;
    if (rebuilt.has(dep) || (depDir && (builtAt(depDir) ?? 0) > built)) return `${dep} changed`;
  }
  return undefined;
}

/** `targets` and every workspace package they depend on, dependencies first. */
export function buildOrder(packages, targets) {
  const order = [];
  const visit = (name) => {
    if (order.includes(name) || !packages.has(name)) return;
    for (const dep of packages.get(name).deps) visit(dep);
    order.push(name);
  };
  for (const target of targets) visit(target);
  return order;
}

/** Builds what is stale among `targets` and their dependencies; returns the names it built. */
export function buildStale(root, targets, log = (line) => process.stderr.write(`${line}\n`)) {
  const packages = readWorkspace(root);
  const rebuilt = new Set();
  for (const name of buildOrder(packages, targets)) {
    const reason = packages.get(name).buildable && staleReason(root, packages, name, rebuilt);
    if (!reason) continue;
    log(`building ${name} (${reason})`);
    const startedAt = new Date();
    const result = spawnSync('pnpm', ['run', '--silent', 'build'], {
      cwd: packages.get(name).dir,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error(`building ${name} failed`);
    // Files saved while the build ran are newer than this, so the next run builds again.
    utimesSync(join(packages.get(name).dir, 'dist'), startedAt, startedAt);
    rebuilt.add(name);
  }
  return [...rebuilt];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildStale(fileURLToPath(new URL('..', import.meta.url)), process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
