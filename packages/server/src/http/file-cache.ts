import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { STORED_ENCODINGS, type StoredEncoding } from './negotiation.js';

/** Files up to this size are held in memory with their compressed copies; larger ones are streamed. */
export const CACHED_FILE_BYTES = 1024 * 1024;

/** A file of the web root as it is served: its bytes, their tag, and the stored encodings that check out. */
export interface CachedFile {
  readonly body: Buffer;
  /** A strong tag of the content (not of mtime: npm packs every file with one date). */
  readonly etag: string;
  readonly encoded: ReadonlyMap<StoredEncoding['name'], Buffer>;
}

const DECODERS = { br: promisify(brotliDecompress), gzip: promisify(gunzip) } as const;

/**
 * The web root's small files in memory, each read again when its size or mtime changes. A stored
 * `.br` or `.gz` beside a file is used only when it decodes to exactly the file's bytes, so a copy
 * left over from an older build, or a damaged one, is never sent.
 */
export class FileCache {
  private readonly files = new Map<string, { size: number; mtimeMs: number; file: CachedFile }>();

  /** The file at `path` (which `info` describes), from memory when it has not changed. */
  async load(path: string, info: Stats): Promise<CachedFile> {
    const held = this.files.get(path);
    if (held && held.size === info.size && held.mtimeMs === info.mtimeMs) return held.file;
    const body = await readFile(path);
    const encoded = new Map<StoredEncoding['name'], Buffer>();
    for (const { name, suffix } of STORED_ENCODINGS) {
      const copy = await readFile(path + suffix).catch(() => undefined);
      if (copy && copy.length < body.length && (await decodesTo(name, copy, body))) encoded.set(name, copy);
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const file = { body, etag, encoded };
    this.files.set(path, { size: info.size, mtimeMs: info.mtimeMs, file });
    return file;
  }
}

async function decodesTo(name: StoredEncoding['name'], copy: Buffer, body: Buffer): Promise<boolean> {
  const decoded = await DECODERS[name](copy).catch(() => undefined);
  return decoded?.equals(body) === true;
}
