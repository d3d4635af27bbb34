import { applyMessageEvent, type ChatMessage, isMessageEvent, type ServerMessage } from 'aurora-protocol';
import { joined, welcome } from 'aurora-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chat-state.js';
import { isDrawn } from './message-events.js';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const PEOPLE = ['alice', 'bob', 'carol'] as const;
const EMOJI = ['👍', '🎉', '👀'] as const;

const server = (message: ServerMessage): ChatAction => ({
  type: 'connection',
  event: { type: 'server', message },
  now: NOW,
});

/** What happens in #dev, as the server would store it (`about` picks among the messages so far). */
type Step =
  | { kind: 'say'; from: number }
  | { kind: 'edit'; pick: number; text: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'react'; pick: number; from: number; emoji: number; on: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('say' as const), from: fc.nat(2) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), text: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('react' as const),
    pick: fc.nat(),
    from: fc.nat(2),
    emoji: fc.nat(2),
    on: fc.boolean(),
  }),
);

/**
 * A model server: stores each step with the next seq, keeps every message's current state with the
 * shared rule, and answers a resume with what its store holds after the cursor (current states and
 * events), as the real stores do.
 */
function serve(steps: readonly Step[]) {
  const live: ChatMessage[] = [];
  const stored: ChatMessage[] = [];
  const base = { type: 'message' as const, room: 'dev', ts: NOW };
  for (const s of steps) {
    const seq = stored.length + 1;
    const lines = stored.filter((m) => !isMessageEvent(m) && !m.deleted);
    if (s.kind === 'say') {
      const message: ChatMessage = {
        ...base,
        id: `m${seq}`,
        seq,
        kind: 'chat',
        from: PEOPLE[s.from]!,
        text: `m${seq}`,
      };
      live.push(message);
      stored.push(message);
      continue;
    }
    const about = lines[s.pick % Math.max(1, lines.length)];
    if (about === undefined) continue;
    const event: ChatMessage = {
      ...base,
      id: `e${seq}`,
      seq,
      kind: s.kind === 'react' ? 'reaction' : s.kind,
      from: s.kind === 'react' ? PEOPLE[s.from]! : about.from,
      text: s.kind === 'edit' ? s.text : '',
      ts: NOW + seq,
      about: about.seq,
      ...(s.kind === 'react' ? { emoji: EMOJI[s.emoji]!, on: s.on } : {}),
    };
    live.push(event);
    stored.push(event);
    const at = stored.indexOf(about);
    stored[at] = applyMessageEvent(about, event);
  }
  return { live, stored };
}

const start = (): ChatState =>
  [server(welcome('alice')), server(joined('dev', { seq: 0 }))].reduce(
    chatReducer,
    initialChatState('alice'),
  );

/** The transcript as a person sees it: every drawn message with its text, marks and reactions. */
const seen = (state: ChatState) =>
  state.targets
    .dev!.items.toArray()
    .filter(isDrawn)
    .map((item) => (item.kind === 'message' ? item.message : item.kind));

describe('folding edits, deletes and reactions', () => {
  it('ends, after any interleaving and a resume from any point, where a client that saw it all live does', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.nat(), (steps, cutAt) => {
        const { live, stored } = serve(steps);
        const always = live.map((m) => server(m)).reduce(chatReducer, start());
        const cut = live.length === 0 ? 0 : cutAt % (live.length + 1);
        // Saw the first `cut` frames live, lost the connection, and resumed from its last seq: the
        // server sends the room again (no history on a resume) and replays its store after it.
        let resumed = live
          .slice(0, cut)
          .map((m) => server(m))
          .reduce(chatReducer, start());
        const cursor = live[cut - 1]?.seq ?? 0;
        resumed = chatReducer(resumed, server(joined('dev', { seq: stored.length })));
        for (const message of stored.filter((m) => m.seq > cursor))
          resumed = chatReducer(resumed, server(message));
        expect(seen(resumed)).toEqual(seen(always));
        // And what the server's history holds now is what both show.
        const fresh = chatReducer(start(), server(joined('dev', { seq: stored.length, history: stored })));
        expect(seen(fresh)).toEqual(seen(always));
      }),
      { numRuns: 300 },
    );
  });

  it('shows an edit in place, a delete as a placeholder, reactions by who, and draws no event', () => {
    const { live } = serve([
      { kind: 'say', from: 1 },
      { kind: 'edit', pick: 0, text: 'fixed' },
      { kind: 'react', pick: 0, from: 0, emoji: 0, on: true },
      { kind: 'say', from: 0 },
      { kind: 'delete', pick: 1 },
    ]);
    const state = live.map((m) => server(m)).reduce(chatReducer, start());
    expect(seen(state)).toMatchObject([
      { seq: 1, text: 'fixed', edited: NOW + 2, reactions: [{ emoji: '👍', who: ['alice'] }] },
      { seq: 4, text: '', deleted: true },
    ]);
    expect(state.targets.dev!.unread).toBe(0);
  });
});
