import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The data folder cannot hold the database; the message is the whole line `aurora-server` prints. */
export class DataFolderError extends Error {
  override readonly name = 'DataFolderError';
  /** A stable code, so `bin.ts` prints the message as it is. */
  readonly code = 'DATA_FOLDER_UNUSABLE';

  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(`cannot use data folder ${folder}: ${reason}`);
  }
}

/** Plain words for the errors a folder gives, instead of raw errno text. */
const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  ENOTDIR: 'part of the path is a file, not a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path loops through symbolic links',
};

/** The plain reason for `error`, or `fallback` (with the errno code when it is an unusual one). */
function reasonOf(error: unknown, fallback: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  return code === undefined || code === 'ENOENT' ? fallback : `${fallback} (${code})`;
}

/**
 * Makes sure `folder` exists, is a folder, and takes new files; throws {@link DataFolderError}
 * saying why not. Missing folders are created one level at a time: Node's recursive mkdir spins
 * forever where the kernel answers ENOENT for a parent that exists (`/proc/nope`).
 */
export function prepareDataFolder(folder: string): void {
  if (folder.trim() === '') throw new DataFolderError('""', 'the path is empty');
  const path = resolve(folder);
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    const kind = kindOf(at, folder);
    if (kind === 'folder') break;
    if (kind === 'file')
      throw new DataFolderError(
        folder,
        at === path ? 'it is a file, not a folder' : `${at} is a file, not a folder`,
      );
    if (dirname(at) === at) break;
    missing.unshift(at);
  }
  for (const at of missing) {
    try {
      mkdirSync(at);
    } catch (error) {
      throw new DataFolderError(folder, reasonOf(error, 'it cannot be created here'));
    }
  }
  // Writing a file is the only check that holds for every case (root, read-only mounts, /proc).
  const probe = join(path, `.aurora-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (error) {
    throw new DataFolderError(folder, reasonOf(error, 'files cannot be written in it'));
  }
}

function kindOf(path: string, folder: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new DataFolderError(folder, reasonOf(error, 'it cannot be read'));
  }
}
