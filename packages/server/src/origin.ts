/**
 * Whether a WebSocket handshake's Origin may connect: clients that send none (terminal clients,
 * bots), the server's own origin (its browser client), and origins listed in `--allowed-origins`
 * (`*` for any).
 */
export function isOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
