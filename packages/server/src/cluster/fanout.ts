// The broker's wire format on Redis pub/sub: a small header, then the frame exactly as clients get
// it, so a message is serialized once (by the node that stored it) and never wrapped again.
//
//   channels (space-separated) \n target \n seq \n frame
//
// Live frames that are not stored (presence, typing, read markers) leave target and seq empty. The
// append script writes the same layout from Lua.

/** One decoded pub/sub payload. */
export interface FanoutPayload {
  readonly channels: string[];
  readonly frame: string;
  /** Storage key and seq of a stored message. */
  readonly target?: string;
  readonly seq?: number;
}

/** Encodes a payload for the fanout channel. */
export function encodeFanout(channels: readonly string[], frame: string, target = '', seq = ''): string {
  return `${channels.join(' ')}\n${target}\n${seq}\n${frame}`;
}

/** Decodes a payload; undefined when it is not one of ours. */
export function decodeFanout(payload: string): FanoutPayload | undefined {
  const first = payload.indexOf('\n');
  const second = payload.indexOf('\n', first + 1);
  const third = payload.indexOf('\n', second + 1);
  if (first < 0 || second < 0 || third < 0) return undefined;
  const channels = payload.slice(0, first).split(' ').filter(Boolean);
  const target = payload.slice(first + 1, second);
  const seq = payload.slice(second + 1, third);
  const frame = payload.slice(third + 1);
  if (target === '' || seq === '') return { channels, frame };
  return { channels, frame, target, seq: Number(seq) };
}
