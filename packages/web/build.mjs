// Bundles the browser client into dist/ with esbuild; aurora-server serves that folder.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const outdir = new URL('./dist/', import.meta.url);
await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });
await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  conditions: ['@aurora/source'],
  outfile: new URL('./app.js', outdir).pathname,
  logLevel: 'warning',
});
await copyFile(new URL('./src/index.html', import.meta.url), new URL('./index.html', outdir));
