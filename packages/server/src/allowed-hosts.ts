import { isIP } from 'node:net';

/**
 * Whether a request's `Host` header names this server, against DNS rebinding: a page on another
 * site whose name was re-pointed at this machine sends its own name as Host (and as Origin, so the
 * Origin check passes). Accepted, as Vite and webpack-dev-server do: IP addresses (rebinding needs
 * a name), `localhost` and `*.localhost`, and the names in `--allowed-hosts` (`.example.com` also
 * allows its subdomains, `*` allows any). A request without Host is not from a browser and passes.
 */
export function isHostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined || allowed.includes('*')) return true;
  const name = hostName(host);
  if (name === undefined) return false;
  if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => {
    const wanted = entry.trim().toLowerCase().replace(/\.$/, '');
    if (wanted.startsWith('.')) return name === wanted.slice(1) || name.endsWith(wanted);
    return name === wanted;
  });
}

/** The host name of a Host header, lower case, without port, brackets or a final dot. */
function hostName(host: string): string | undefined {
  try {
    const { hostname } = new URL(`http://${host}`);
    if (`http://${host}`.includes('@') || hostname === '') return undefined;
    return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/** How many distinct Host headers {@link hostCheck} remembers before it starts over. */
const REMEMBERED_HOSTS = 256;

/**
 * {@link isHostAllowed} for one server's `allowed` list, remembering its answers: the same few Host
 * headers arrive on every request, and parsing each as a URL cost a connect storm about 7 µs a
 * connection. The memory is bounded; a flood of made-up hosts only empties it.
 */
export function hostCheck(allowed: readonly string[]): (host: string | undefined) => boolean {
  const answers = new Map<string, boolean>();
  return (host) => {
    if (host === undefined) return true;
    let allowedHost = answers.get(host);
    if (allowedHost === undefined) {
      allowedHost = isHostAllowed(host, allowed);
      if (answers.size >= REMEMBERED_HOSTS) answers.clear();
      answers.set(host, allowedHost);
    }
    return allowedHost;
  };
}
