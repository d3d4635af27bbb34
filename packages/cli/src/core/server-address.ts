/** The port aurora-server listens on by default, used when an address names none. */
export const DEFAULT_PORT = 8000;

/** The WebSocket path aurora-server serves. */
export const WS_PATH = '/ws';

/** A normalized server address, or why the input is not one. */
export type ServerAddress =
  | { readonly ok: true; readonly url: string; readonly display: string }
  | { readonly ok: false; readonly code: 'bad_server_address'; readonly message: string };

const SCHEMES: Readonly<Record<string, 'ws:' | 'wss:'>> = {
  'ws:': 'ws:',
  'http:': 'ws:',
  'wss:': 'wss:',
  'https:': 'wss:',
};

/**
 * Turns an address in any usual form into the server's WebSocket URL: `host`, `host:port`,
 * `[::1]:8000`, `http://host:port`, `https://host/chat`, `ws://host:port/ws`, `wss://...`. http maps to
 * ws and https to wss; an explicit port is always kept (80 and 443 too); an address without a scheme
 * gets ws and, without a port, port 8000; the path
 * gets `/ws` appended unless it already ends with it, so a server behind a proxy prefix works too.
 */
export function normalizeServerAddress(input: string): ServerAddress {
  const raw = input.trim();
  if (raw === '') return fail(input, 'the address is empty');
  if (/\s/.test(raw)) return fail(input, 'an address cannot contain spaces');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `ws://${raw}`);
  } catch {
    return fail(input, 'it is not a valid host, host:port or URL');
  }
  const scheme = SCHEMES[url.protocol];
  if (!scheme) return fail(input, `the scheme ${url.protocol}// is not one of ws, wss, http, https`);
  if (url.hostname === '') return fail(input, 'it names no host');
  if (url.username || url.password) return fail(input, 'it must not contain a user name or password');
  const port = explicitPort(raw, hasScheme) ?? (hasScheme ? '' : String(DEFAULT_PORT));
  const path = url.pathname.replace(/\/+$/, '');
  const wsPath = path.endsWith(WS_PATH) ? path : `${path}${WS_PATH}`;
  const host = port ? `${url.hostname}:${port}` : url.hostname;
  return { ok: true, url: `${scheme}//${host}${wsPath}${url.search}`, display: host };
}

/**
 * The port the address names, read from its text: the URL parser drops a scheme's default port
 * (`ws://host:80` has port ''), which would then look like no port at all and get 8000.
 */
function explicitPort(raw: string, hasScheme: boolean): string | undefined {
  const authority = (hasScheme ? raw.slice(raw.indexOf('//') + 2) : raw).split(/[/?#]/, 1)[0] ?? '';
  const port = /:(\d+)$/.exec(authority)?.[1];
  // Normalized the way the URL parser does (`:080` is port 80); it already refused ports over 65535.
  return port === undefined ? undefined : String(Number(port));
}

function fail(input: string, reason: string): ServerAddress {
  return {
    ok: false,
    code: 'bad_server_address',
    message: `"${input}" is not a server address: ${reason} (try host:port or ws://host:port)`,
  };
}
