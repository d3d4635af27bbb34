import {
  type ChatMessage,
  LIMITS,
  type Member,
  type RoomSettings,
  type SearchHit,
  type ServerMessageOf,
} from 'aurora-protocol';

/** A `welcome` frame for `nick` with the default limits. */
export function welcome(nick: string): ServerMessageOf<'welcome'> {
  return {
    type: 'welcome',
    v: 1,
    session: 's_test',
    nick,
    server: { name: 'aurora-server', version: '0.1.0' },
    limits: { ...LIMITS, ratePerSecond: 2, burst: 5 },
  };
}

/** A `joined` frame; `options` may set any of its fields (`read`, `unread` for an account). */
export function joined(
  room: string,
  options: Partial<Omit<ServerMessageOf<'joined'>, 'type' | 'room'>> = {},
): ServerMessageOf<'joined'> {
  const history = options.history ?? [];
  return {
    type: 'joined',
    room,
    topic: '',
    members: [],
    seq: history.at(-1)?.seq ?? 0,
    more: false,
    ...options,
    history,
  };
}

/** Members from nicks, none away. */
export function members(...nicks: string[]): Member[] {
  return nicks.map((nick) => ({ nick, away: false }));
}

/** A chat message in a room (or, with `to`, a direct message). */
export function chat(
  seq: number,
  from: string,
  text: string,
  options: Partial<Omit<ChatMessage, 'type' | 'seq' | 'from' | 'text'>> = {},
): ChatMessage {
  const kind = options.kind ?? (options.to ? 'dm' : 'chat');
  return {
    type: 'message',
    id: options.id ?? `m_${options.room ?? options.to ?? 'x'}_${seq}`,
    seq,
    kind,
    ...(options.to ? { to: options.to } : { room: options.room ?? 'dev' }),
    from,
    ...(options.account ? { account: true } : {}),
    ...(options.bot ? { bot: true } : {}),
    text,
    ts: options.ts ?? Date.UTC(2026, 2, 3, 12, 0, 0) + seq * 60_000,
    ...(options.cid ? { cid: options.cid } : {}),
    ...(options.event ? { event: options.event } : {}),
  };
}

/** An `ack` for a room message. */
export function ack(cid: string, seq: number, room = 'dev'): ServerMessageOf<'ack'> {
  return {
    type: 'ack',
    cid,
    id: `m_${room}_${seq}`,
    seq,
    room,
    ts: Date.UTC(2026, 2, 3, 12, 0, 0) + seq * 60_000,
  };
}

/** An `error` frame. */
export function error(
  code: string,
  message: string,
  extra: { cid?: string; retryAfterMs?: number; room?: string; ref?: string } = {},
): ServerMessageOf<'error'> {
  return { type: 'error', code, message, ...extra };
}

/** One search result: message `seq` of `target` (a room, or `@name`), its text `message SEQ`. */
export function searchHit(seq: number, options: Partial<SearchHit> = {}): SearchHit {
  const target = options.target ?? 'dev';
  return {
    target,
    seq,
    id: `m${target}${seq}`,
    kind: 'chat',
    from: 'bob',
    ts: 1_700_000_000_000 + seq,
    snippet: [{ text: `message ${seq}` }],
    ...options,
  };
}

/** A room's settings as `joined` and `mode` carry them: every one off unless `on` turns it on. */
export function roomSettings(on: Partial<RoomSettings> = {}): RoomSettings {
  return {
    moderated: false,
    inviteOnly: false,
    topicProtected: false,
    private: false,
    password: false,
    ...on,
  };
}
