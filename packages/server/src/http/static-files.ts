import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CACHED_FILE_BYTES, type FileCache } from './file-cache.js';
import { acceptedEncodings, matchesEtag } from './negotiation.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Resolves a URL path to a file inside `root`, or undefined when it would leave the folder, names a
 * hidden file, or is not valid percent-encoding. `/` is `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split(/[\\/]/).some((part) => part.startsWith('.'))) return undefined;
  const base = resolve(root);
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : undefined;
}

/**
 * How long a browser may keep a file without asking: the build's content-named chunks forever, the
 * rest not.
 */
function cacheControl(root: string, path: string): string {
  return path.startsWith(resolve(root, 'chunks') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves a file from `root` for GET and HEAD; returns false when there is no such file. Small files
 * go out compressed when the build stored a `.br` or `.gz` copy the browser accepts, with a content
 * tag so that a reload costs a 304 instead of the page again.
 */
export async function serveStatic(
  root: string,
  files: FileCache,
  request: IncomingMessage,
  response: ServerResponse,
  urlPath: string,
): Promise<boolean> {
  const path = resolveStaticPath(root, urlPath);
  if (!path) return false;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  if (info.size > CACHED_FILE_BYTES) {
    await streamFile(path, info.size, type, request, response);
    return true;
  }
  const file = await files.load(path, info);
  const encoding = acceptedEncodings(request.headers['accept-encoding']).find(({ name }) =>
    file.encoded.has(name),
  );
  const body = encoding ? file.encoded.get(encoding.name)! : file.body;
  // Each encoding is its own representation with its own tag (RFC 9110 §8.8.3).
  const etag = encoding ? `${file.etag.slice(0, -1)}-${encoding.name}"` : file.etag;
  const headers: Record<string, string | number> = {
    'Cache-Control': cacheControl(root, path),
    ETag: etag,
    ...(file.encoded.size > 0 ? { Vary: 'Accept-Encoding' } : {}),
  };
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    response.writeHead(304, headers).end();
    return true;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': body.length,
    ...(encoding ? { 'Content-Encoding': encoding.name } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}

async function streamFile(
  path: string,
  size: number,
  type: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  response.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.once('error', () => {
      response.destroy();
      done();
    });
    stream.once('end', done);
    stream.pipe(response);
  });
}
