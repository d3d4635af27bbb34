import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_BIN } from 'aurora-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'aurora-data-folder-'));
  await writeFile(join(scratch, 'a-file'), 'not a folder');
});

afterAll(async () => {
  await chmod(join(scratch, 'read-only'), 0o755).catch(() => {});
  await rm(scratch, { recursive: true, force: true });
});

/** Runs aurora-server on a data folder; it must exit by itself (the timeout kills a spinning one). */
function runWithData(folder: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SERVER_BIN, '--port', '0', '--data', folder],
      { timeout: 5000 },
      (error, _stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stderr, ms: Date.now() - started });
      },
    );
  });
}

const isRoot = process.getuid?.() === 0;

describe('aurora-server --data with a folder it cannot use', () => {
  it.each([
    ['under /proc, where nothing can be created', '/proc/nope', /it cannot be created here/],
    ['a /proc folder, where no file can be written', '/proc/self', /files cannot be written in it/],
    ['a file', 'a-file', /it is a file, not a folder/],
    ['a folder below a file', 'a-file/history', /a-file is a file, not a folder/],
    ['where even root may not write', '/sys/nope', /permission denied/],
  ])('says so in one line and exits 1 at once: %s', async (_, folder, reason) => {
    const path = folder.startsWith('/') ? folder : join(scratch, folder);
    const { code, stderr, ms } = await runWithData(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^aurora-server: cannot use data folder ${path}: .+\\n$`));
    expect(stderr).toMatch(reason);
    // Node takes about 0.3 s to start on a busy machine; the check itself is immediate.
    expect(ms).toBeLessThan(3000);
  });

  it.skipIf(isRoot)('says so for a folder without write permission', async () => {
    const path = join(scratch, 'read-only');
    await mkdir(path);
    await chmod(path, 0o555);
    const { code, stderr } = await runWithData(path);
    expect(code).toBe(1);
    expect(stderr).toBe(`aurora-server: cannot use data folder ${path}: permission denied\n`);
  });
});
