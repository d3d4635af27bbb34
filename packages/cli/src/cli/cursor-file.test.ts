import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeCursor, remoteKeyed } from 'aurora-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { CursorFile, cursorPositions } from './cursor-file.js';

let folder = '';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aurora-cursor-file-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The error `run` throws, which must be a CliError. */
function thrown(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('CursorFile', () => {
  it('has nothing to start from without a file or with an empty one', async () => {
    expect(new CursorFile(join(folder, 'missing')).read()).toBeUndefined();
    await writeFile(join(folder, 'empty'), ' \n');
    expect(new CursorFile(join(folder, 'empty')).read()).toBeUndefined();
  });

  it('reads back what it wrote, through a temporary file it does not leave behind', async () => {
    const file = new CursorFile(join(folder, 'dev.cursor'), 42);
    const cursor = encodeCursor(remoteKeyed([['dev', 7]]));
    file.write(cursor);
    expect(await readFile(join(folder, 'dev.cursor'), 'utf8')).toBe(`${cursor}\n`);
    expect(file.read()).toEqual({ dev: 7 });
    expect(await readdir(folder)).toEqual(['dev.cursor']);
  });

  it('tells a path unusable from the start (exit 2) from a write that failed later (exit 1)', async () => {
    const file = new CursorFile(join(folder, 'gone', 'dev.cursor'));
    const atStart = thrown(() => file.write('x', true));
    expect([atStart.code, atStart.exitCode]).toEqual(['bad_cursor_file', 2]);
    const later = thrown(() => file.write('x'));
    expect([later.code, later.exitCode]).toEqual(['cursor_not_saved', 1]);
    expect(later.message).toMatch(/cannot write --cursor-file .*dev.cursor: its folder does not exist/);
  });

  it('refuses a file that holds no cursor with bad_cursor, naming the file', async () => {
    await writeFile(join(folder, 'bad'), 'eyJ2IjoyfQ\n');
    const error = thrown(() => new CursorFile(join(folder, 'bad')).read());
    expect([error.code, error.exitCode]).toEqual(['bad_cursor', 2]);
    expect(error.message).toMatch(/^the cursor in .*bad is not a cursor this client made/);
  });
});

describe('cursorPositions', () => {
  it('reads a cursor with the white space a shell may leave around it', () => {
    expect(cursorPositions(` ${encodeCursor(remoteKeyed([['ops', 3]]))}\n`)).toEqual({ ops: 3 });
  });
});
