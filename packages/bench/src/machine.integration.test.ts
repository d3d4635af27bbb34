import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeBuild } from './machine.js';

describe('describeBuild', () => {
  it("names a build's commit, says when its tree has changes, and falls back to the path", () => {
    const outside = mkdtempSync(join(tmpdir(), 'bench-build-'));
    const bin = join(outside, 'bin.js');
    writeFileSync(bin, '// a build\n');
    expect(describeBuild(bin)).toBe(bin);

    const git = (...args: string[]) =>
      execFileSync('git', ['-C', outside, ...args], { encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', 'bin.js');
    git(
      '-c',
      'user.name=bench',
      '-c',
      'user.email=bench@example.invalid',
      '-c',
      'commit.gpgsign=false',
      'commit',
      '-q',
      '-m',
      'build',
    );
    const head = git('rev-parse', '--short', 'HEAD');
    expect(describeBuild(bin)).toBe(`${head} (${bin})`);
    writeFileSync(bin, '// another build\n');
    expect(describeBuild(bin)).toBe(`${head} with uncommitted changes (${bin})`);
  });
});
