import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { decodeCursor, type StreamPositions } from 'aurora-client';
import { CliError, CliErrorCode } from './cli-error.js';

/** The positions of a `--since` cursor; a cursor this client did not make stops with `bad_cursor`. */
export function cursorPositions(cursor: string, from = '--since'): StreamPositions {
  const decoded = decodeCursor(cursor.trim());
  if (decoded.ok) return decoded.positions;
  throw new CliError(
    CliErrorCode.BadCursor,
    `${from} is ${decoded.problem}; give a cursor that tail printed, unchanged`,
  );
}

/**
 * The file a `tail --cursor-file` keeps its place in: read once at the start, written after every
 * line printed. Each write goes to a temporary file beside it that is then renamed over it, so a
 * `kill -9` or a full disk leaves the previous cursor or the new one, never half of one.
 */
export class CursorFile {
  private readonly temporary: string;

  /** A cursor file at `path`, written through `path.<pid>.tmp`. */
  constructor(
    readonly path: string,
    pid: number = process.pid,
  ) {
    this.temporary = `${path}.${pid}.tmp`;
  }

  /**
   * The positions saved in the file; undefined when there is no file yet or it is empty (a first
   * run). An unreadable file stops with `bad_cursor_file`, one that holds no cursor with `bad_cursor`.
   */
  read(): StreamPositions | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CliError(
        CliErrorCode.BadCursorFile,
        `cannot read --cursor-file ${this.path}: ${reason(error)}`,
      );
    }
    if (text.trim() === '') return undefined;
    return cursorPositions(text, `the cursor in ${this.path}`);
  }

  /**
   * Replaces the saved cursor. `atStart` tells a path that cannot be written at all (a usage error,
   * `bad_cursor_file`, exit 2) from a write that failed later (`cursor_not_saved`, exit 1).
   */
  write(cursor: string, atStart = false): void {
    try {
      writeFileSync(this.temporary, `${cursor}\n`);
      renameSync(this.temporary, this.path);
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw new CliError(
        atStart ? CliErrorCode.BadCursorFile : CliErrorCode.CursorNotSaved,
        `cannot write --cursor-file ${this.path}: ${reason(error)}`,
      );
    }
  }
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'its folder does not exist';
  return message;
}
