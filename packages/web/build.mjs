// Bundles the browser client into dist/ (index.html, app.js, app.css, favicon.svg) with esbuild;
// aurora-server serves that folder. Fails when app.js grows past its gzipped budget.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The budget for the page's JavaScript, gzipped. */
const MAX_GZIPPED_JS = 60 * 1024;

const here = (path) => new URL(path, import.meta.url).pathname;
const outdir = here('./dist/');
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: { app: here('./src/main.ts'), 'app-style': here('./src/styles.css') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
  // esbuild's data does not credit these browsers with every `\p{…}` property name, so it rewrites
  // such regex literals as `new RegExp(…)` calls, which it must then keep even when unused (valibot's
  // emoji pattern, about 0.5 KiB). Every target has had `\p{…}` with the `u` flag since 2020, and the
  // properties the page's own patterns use (L, M, N, Z, Cc; scx Latin, Common, Inherited) are ES2018's.
  supported: { 'regexp-unicode-property-escapes': true },
  conditions: ['@aurora/source'],
  outdir,
  entryNames: '[name]',
  legalComments: 'none',
  logLevel: 'warning',
});
// esbuild names a CSS entry after its key; the page links app.css.
await copyFile(here('./dist/app-style.css'), here('./dist/app.css'));
await rm(here('./dist/app-style.css'));
await copyFile(here('./src/index.html'), here('./dist/index.html'));
await copyFile(here('./src/favicon.svg'), here('./dist/favicon.svg'));

const js = await readFile(here('./dist/app.js'));
const css = await readFile(here('./dist/app.css'));
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `aurora-web: app.js ${kib(js.length)} (${kib(gzipped(js))} gzipped), app.css ${kib(css.length)} (${kib(gzipped(css))} gzipped)`,
);
if (gzipped(js) > MAX_GZIPPED_JS) {
  console.error(`aurora-web: app.js is over its ${kib(MAX_GZIPPED_JS)} gzipped budget`);
  process.exit(1);
}
