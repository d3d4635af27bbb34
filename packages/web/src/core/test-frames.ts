import type { ChatMessage, ServerMessageOf } from 'aurora-protocol';
import { LIMITS } from 'aurora-protocol';

// Builders for server frames, shared by the core's unit tests.

/** A `welcome` for `nick` with the default limits. */
export function welcome(nick: string): ServerMessageOf<'welcome'> {
  return {
    type: 'welcome',
    v: 1,
    session: 's1',
    nick,
    server: { name: 'aurora-server', version: '0.1.0' },
    limits: { ...LIMITS, ratePerSecond: 2, burst: 5 },
  };
}

/** A `joined` for `room` with the given history. */
export function joined(
  room: string,
  history: ChatMessage[] = [],
  extra: Partial<ServerMessageOf<'joined'>> = {},
): ServerMessageOf<'joined'> {
  return {
    type: 'joined',
    room,
    topic: '',
    members: [{ nick: 'alice', away: false }],
    seq: history.at(-1)?.seq ?? 0,
    history,
    more: false,
    ...extra,
  };
}

/** A chat message in `room` (or, with `to`, a direct message). */
export function chat(seq: number, from: string, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    type: 'message',
    id: `m${seq}`,
    seq,
    kind: 'chat',
    room: 'dev',
    from,
    text,
    ts: 1_700_000_000_000 + seq * 1000,
    ...extra,
  };
}
