import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileCache } from './file-cache.js';
import { serveStatic } from './static-files.js';

/** Headers on every HTTP response: the page may load only its own scripts and styles. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** What `/healthz` reports. */
export interface Health {
  readonly status: 'ok';
  readonly version: string;
  readonly uptime: number;
  readonly connections: number;
  readonly rooms: number;
}

/** What the HTTP side needs to answer. */
export interface RouteOptions {
  /** The browser client's built files; undefined or missing files give the "not built" page. */
  readonly webRoot: string | undefined;
  /** The web root's files as last read. */
  readonly webFiles: FileCache;
  readonly health: () => Promise<Health>;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aurora</title></head>
<body><h1>Aurora is running</h1>
<p>The browser client has not been built. In the Aurora repository run <code>pnpm build</code>, then reload,
or start the server with <code>--web-root DIR</code> pointing at a build.</p>
<p>From a terminal: <code>aurora-chat --server HOST:PORT --room dev --name you</code>.</p></body></html>
`;

/** Answers one HTTP request: `/healthz`, the browser client's files, or 404/405. */
export async function handleHttp(
  options: RouteOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  const path = (request.url ?? '/').split('?')[0]!;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    respond(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  if (path === '/healthz') {
    respond(response, 200, 'application/json; charset=utf-8', `${JSON.stringify(await options.health())}\n`, {
      'Cache-Control': 'no-store',
    });
    return;
  }
  if (
    options.webRoot !== undefined &&
    (await serveStatic(options.webRoot, options.webFiles, request, response, path))
  )
    return;
  if (path === '/' || path === '/index.html') {
    respond(response, 200, 'text/html; charset=utf-8', NOT_BUILT);
    return;
  }
  respond(response, 404, 'text/plain; charset=utf-8', 'not found\n');
}

function respond(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  response.end(body);
}
