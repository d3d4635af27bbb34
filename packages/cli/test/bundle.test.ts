import { builtinModules } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../bundle.mjs';

// What `npm install aurora-chat` installs is this bundle: it must carry Ink with Aurora's patch
// (patches/ink@6.8.0.patch), which the published package cannot apply to a registry copy of Ink.
describe('the published aurora-chat bundle', async () => {
  const result = await build({ ...bundleOptions, write: false, metafile: true, logLevel: 'silent' });
  const metafile = result.metafile as Metafile;
  const bin = result.outputFiles.find((file) => file.path.endsWith('/dist/bin.js'));

  it('bundles the patched Ink: its frame cache module and the renderer that advances it', () => {
    const inputs = Object.keys(metafile.inputs);
    // frame-cache.js exists only in the patched Ink.
    expect(inputs.some((path) => /\/ink\/build\/frame-cache\.js$/.test(path))).toBe(true);
    expect(bin?.text).toMatch(/FrameCache\d*\.nextFrame\(\)/);
  });

  it('needs nothing installed beside it but Node built-ins', () => {
    const external = Object.values(metafile.outputs).flatMap((output) =>
      output.imports.filter((entry) => entry.external).map((entry) => entry.path),
    );
    // ws's optional native helpers are required inside a try and fall back to JavaScript.
    const notBuiltIn = external.filter(
      (path) =>
        !path.startsWith('node:') &&
        !builtinModules.includes(path) &&
        !['bufferutil', 'utf-8-validate'].includes(path),
    );
    expect(notBuiltIn).toEqual([]);
  });
});
