// Bundles the aurora-chat command (dist/bin.js) and its library entry (dist/index.js) with esbuild,
// dependencies included. Ink ships inside the bundle as this workspace installed it, with
// patches/ink@6.8.0.patch applied (the frame times and memory the README reports depend on it), so
// `npm install aurora-chat` installs the client that was measured, and nothing from the registry.
import { build } from 'esbuild';

const here = (path) => new URL(path, import.meta.url).pathname;

/**
 * Ink imports react-devtools-core only when DEV=true, and then says how to install it when it is
 * missing; in a bundle that import would be a static one that fails at start, so it is replaced by a
 * module that fails the way a missing package does.
 */
const withoutDevtools = {
  name: 'without-react-devtools',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({
      path: 'react-devtools-core',
      namespace: 'missing',
    }));
    build.onLoad({ filter: /.*/, namespace: 'missing' }, () => ({
      contents:
        "throw Object.assign(new Error('react-devtools-core is not installed'), { code: 'ERR_MODULE_NOT_FOUND' });",
    }));
  },
};

/** The esbuild options of the published bundle (bundle.test.ts builds with them in memory). */
export const bundleOptions = {
  entryPoints: { bin: here('./src/bin.ts'), index: here('./src/index.ts') },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  outdir: here('./dist/'),
  conditions: ['@aurora/source'],
  // ws falls back to JavaScript without its optional native helpers.
  external: ['bufferutil', 'utf-8-validate'],
  plugins: [withoutDevtools],
  // CommonJS dependencies (ws, react) call require() for Node built-ins, which an ES module has not got.
  banner: {
    js: "import { createRequire as __auroraCreateRequire } from 'node:module';\nconst require = __auroraCreateRequire(import.meta.url);",
  },
  legalComments: 'linked',
  logLevel: 'warning',
};

if (process.argv[1] === here('./bundle.mjs')) await build(bundleOptions);
