import { checkNick, checkRoom } from 'aurora-protocol';

/** What a page address asks for: a room to show on the join screen, and maybe a name to join with. */
export interface JoinLink {
  /** The canonical room name, when the link names a valid room. */
  readonly room?: string;
  /** The name, when the link names a valid one. */
  readonly name?: string;
  /** True when the link has both a valid room and name: join straight away as a guest. */
  readonly autoJoin: boolean;
  /** Sentences describing parameters that were present but unusable. */
  readonly problems: readonly string[];
}

/**
 * Reads `?room=dev&name=alice` from a query string. Invalid values are dropped with a sentence saying
 * why, so a mistyped link opens the join screen with an explanation instead of failing.
 */
export function parseJoinLink(search: string): JoinLink {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const rawRoom = params.get('room');
  const rawName = params.get('name');
  let room: string | undefined;
  let name: string | undefined;
  if (rawRoom !== null && rawRoom.trim() !== '') {
    const checked = checkRoom(rawRoom.trim());
    if (checked.ok) room = checked.name;
    else problems.push(`The link's room cannot be used: ${checked.problem.message}`);
  }
  if (rawName !== null && rawName.trim() !== '') {
    const checked = checkNick(rawName.trim());
    if (checked.ok) name = checked.name;
    else problems.push(`The link's name cannot be used: ${checked.problem.message}`);
  }
  return {
    ...(room === undefined ? {} : { room }),
    ...(name === undefined ? {} : { name }),
    autoJoin: room !== undefined && name !== undefined && problems.length === 0,
    problems,
  };
}

/** The shareable address of a room: the join screen for it, without anybody's name. */
export function roomLink(origin: string, pathname: string, room: string): string {
  return `${origin}${pathname}?${new URLSearchParams({ room })}`;
}

/** The WebSocket endpoint of the server that served the page: `ws(s)://host/ws`. */
export function socketUrl(location: { readonly protocol: string; readonly host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
