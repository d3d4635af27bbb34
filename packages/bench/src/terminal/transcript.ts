import type { ChatMessage, Member } from 'aurora-protocol';

/** The room every benchmark message goes to. */
export const ROOM = 'dev';
/** Who talks in it. */
export const PEOPLE = Array.from({ length: 30 }, (_, i) => `person${i}`);
const TEXTS = [
  'deploy of build {n} finished, **all green**',
  'can someone look at `retry_backoff` in the queue worker? it spins on {n}',
  'notes from the meeting are at https://wiki.example.com/meetings/{n}',
  'lunch?',
  'I think the flaky test is the one that waits for the socket to close before asserting the order of {n} frames; it passes locally every time',
  '_maybe_ we should pin the version until the fix lands',
  'ok',
  '+1 to that, merging #{n} now',
];
const START = Date.UTC(2026, 0, 5, 9, 0);

/** Message `seq` of the room, as the server would send it: 30 s apart, varied lengths and styles. */
export function roomMessage(seq: number, ts = START + seq * 30_000): ChatMessage {
  return {
    type: 'message',
    id: `m_${seq.toString(36)}`,
    seq,
    kind: 'chat',
    room: ROOM,
    from: PEOPLE[seq % PEOPLE.length]!,
    text: TEXTS[seq % TEXTS.length]!.replace('{n}', String(seq)),
    ts,
  };
}

/** Messages `first..last` in order. */
export function roomMessages(first: number, last: number): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let seq = first; seq <= last; seq++) messages.push(roomMessage(seq));
  return messages;
}

/** The room's members, the benchmark's own user included. */
export function roomMembers(me: string): Member[] {
  return [...PEOPLE, me].map((nick) => ({ nick, away: false }));
}
