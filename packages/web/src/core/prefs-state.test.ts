import type { NotifyPrefs, ServerMessage } from 'aurora-protocol';
import { chat, joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { unreadBadge } from './titles.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;

const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const server = (message: ServerMessage, now = NOW): ChatAction => ({ type: 'server', message, now });
const prefsFrame = (prefs: Partial<NotifyPrefs>): ChatAction =>
  server({ type: 'prefs', levels: [], mutes: [], keywords: [], ignored: [], ...prefs });

/** alice in #dev (on screen) and #ops (not). */
function inTwoRooms(): ChatState {
  return run(
    initialState(),
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    server(welcome('alice')),
    server(joined('dev', { members: members('alice', 'bob') })),
    server(joined('ops', { members: members('alice', 'bob') })),
  );
}

const badge = (state: ChatState, key: string) => unreadBadge(state.targets.get(key)!);
const said = (seq: number, text: string, now = NOW) => server(chat(seq, 'bob', text, { room: 'ops' }), now);

describe('notification preferences in the page', () => {
  it('keeps the prefs frame of the account', () => {
    const prefs = {
      levels: [{ target: 'ops', level: 'all' as const }],
      mutes: [],
      keywords: ['deploy'],
      ignored: [],
    };
    expect(run(inTwoRooms(), prefsFrame(prefs)).prefs).toEqual(prefs);
  });

  it('counts a mention in a muted room as unread, without the ! mark', () => {
    const state = run(inTwoRooms(), prefsFrame({ mutes: [{ target: 'ops' }] }), said(1, 'alice: look'));
    expect(badge(state, 'ops')).toBe('1');
  });

  it('marks a highlight keyword as a mention', () => {
    const state = run(inTwoRooms(), prefsFrame({ keywords: ['Deploy'] }), said(1, 'the deploy is done'));
    expect(badge(state, 'ops')).toBe('1!');
  });

  it('keeps ! at the level none, which only stops notifications', () => {
    const state = run(
      inTwoRooms(),
      prefsFrame({ levels: [{ target: 'ops', level: 'none' }] }),
      said(1, 'alice: look'),
    );
    expect(badge(state, 'ops')).toBe('1!');
  });

  it('takes the ! marks down when a room is muted, keeping its unread count', () => {
    const state = run(inTwoRooms(), said(1, 'alice: look'), said(2, 'more'));
    expect(badge(state, 'ops')).toBe('2!');
    expect(badge(run(state, prefsFrame({ mutes: [{ target: 'ops' }] })), 'ops')).toBe('2');
  });

  it('ends a timed mute at its time: the list redraws and mentions highlight again', () => {
    const muted = run(inTwoRooms(), prefsFrame({ mutes: [{ target: 'ops', until: NOW + HOUR }] }));
    const during = run(muted, { type: 'tick', now: NOW + HOUR - 1 });
    expect(during.prefs).toBe(muted.prefs);
    const after = run(during, { type: 'tick', now: NOW + HOUR });
    expect(after.prefs.mutes).toEqual([]);
    expect(badge(run(after, said(1, 'alice: back?', NOW + HOUR)), 'ops')).toBe('1!');
  });

  it("takes a guest's own preferences, with the same rules", () => {
    const state = run(
      inTwoRooms(),
      {
        type: 'prefs',
        prefs: { levels: [], mutes: [{ target: 'ops' }], keywords: [], ignored: [] },
        now: NOW,
      },
      said(1, 'alice: look'),
    );
    expect(badge(state, 'ops')).toBe('1');
  });

  it("hides the messages of a guest's ignored person once its own preferences say so, and shows them again", () => {
    const before = run(
      inTwoRooms(),
      said(1, 'from bob'),
      server(chat(2, 'carol', 'from carol', { room: 'ops' })),
    );
    const ignoring = { levels: [], mutes: [], keywords: [], ignored: ['BOB'] };
    const hidden = run(before, { type: 'prefs', prefs: ignoring, now: NOW });
    const shown = (state: ChatState) =>
      state.targets
        .get('ops')!
        .entries.flatMap((e) => (e.type === 'message' && !e.hidden ? [e.message.text] : []));
    expect(shown(hidden)).toEqual(['from carol']);
    expect(shown(run(hidden, { type: 'prefs', prefs: { ...ignoring, ignored: [] }, now: NOW }))).toEqual([
      'from bob',
      'from carol',
    ]);
  });

  it('forgets them on quit, so the next join starts from its own', () => {
    const state = run(inTwoRooms(), prefsFrame({ keywords: ['deploy'] }), { type: 'quit' });
    expect(state.prefs).toEqual({ levels: [], mutes: [], keywords: [], ignored: [] });
  });
});
