import { type ClientMessageOf, ErrorCode, PROTOCOL_VERSION, type ServerMessageOf } from 'aurora-protocol';

/** Codes after which a `hello` must be sent again with something else (another nick, a log-in). */
const HELLO_REFUSALS = new Set<string>([
  ErrorCode.NameTaken,
  ErrorCode.NameInvalid,
  ErrorCode.NameRegistered,
  ErrorCode.UnsupportedVersion,
  ErrorCode.AuthFailed,
  ErrorCode.BadMessage,
  ErrorCode.Banned,
]);

/** True when an error (that arrived while greeting) refuses the `hello`, not a log-in or a message. */
export function refusesHello(error: ServerMessageOf<'error'>): boolean {
  return error.cid === undefined && error.ref === undefined && HELLO_REFUSALS.has(error.code);
}

/** What a `hello` says. */
export interface Greeting {
  readonly nick: string;
  /** The session token of a logged-in user (the server then ignores `nick`). */
  readonly token: string | undefined;
  readonly client: { readonly name: string; readonly version: string };
  readonly rooms: readonly string[];
  /** Last seen seq per target, after a reconnect. */
  readonly resume: Readonly<Record<string, number>>;
  /** Join passwords of rooms that have one, so a reconnect gets back in. */
  readonly passwords?: Readonly<Record<string, string>> | undefined;
}

/** The `hello` frame, leaving out what is empty. */
export function helloFrame({
  nick,
  token,
  client,
  rooms,
  resume,
  passwords,
}: Greeting): ClientMessageOf<'hello'> {
  const given = Object.entries(passwords ?? {}).filter(([room]) => rooms.includes(room));
  return {
    type: 'hello',
    v: PROTOCOL_VERSION,
    nick,
    ...(token === undefined ? {} : { token }),
    client,
    rooms: [...rooms],
    ...(Object.keys(resume).length > 0 ? { resume } : {}),
    ...(given.length > 0 ? { passwords: Object.fromEntries(given) } : {}),
  };
}
