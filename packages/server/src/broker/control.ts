// Node-to-node requests ride the broker like any frame, on a channel no connection ever subscribes
// to: in one process the local broker hands them to the hub, which has nobody to give them to; in a
// cluster the Redis broker carries them to the other nodes' control handlers.

/** Every node-to-node channel starts so; the Redis broker carries them on its control channel. */
export const CONTROL_PREFIX = 'control:';

/** The broker channel that carries log-outs to every node. */
export const LOGOUT_CHANNEL = 'control:logout';

/** A log-out every node applies to its own connections of the account. */
export interface LogoutRequest {
  readonly accountKey: string;
  /** Only the connections of this session token; all of the account's when absent. */
  readonly tokenHash?: string | undefined;
  /** All of the account's connections but those of this session token (a password change's). */
  readonly exceptTokenHash?: string | undefined;
}

/** Encodes a log-out for {@link LOGOUT_CHANNEL}. */
export function encodeLogout(request: LogoutRequest): string {
  const { accountKey, tokenHash, exceptTokenHash } = request;
  return JSON.stringify({ accountKey, tokenHash, exceptTokenHash });
}

/** Decodes a log-out; undefined when the frame is not one. */
export function decodeLogout(frame: string): LogoutRequest | undefined {
  try {
    const value: unknown = JSON.parse(frame);
    if (typeof value !== 'object' || value === null) return undefined;
    const { accountKey, tokenHash, exceptTokenHash } = value as Record<string, unknown>;
    if (typeof accountKey !== 'string') return undefined;
    return {
      accountKey,
      ...(typeof tokenHash === 'string' ? { tokenHash } : {}),
      ...(typeof exceptTokenHash === 'string' ? { exceptTokenHash } : {}),
    };
  } catch {
    return undefined;
  }
}
