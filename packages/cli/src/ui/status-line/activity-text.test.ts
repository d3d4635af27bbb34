import { type ChatState, initialChatState } from 'aurora-client';
import { describe, expect, it } from 'vitest';
import { activityText } from './activity-text.js';

/** A state with the current room `dev` and targets with these unread and mention counts. */
function withActivity(...targets: [key: string, unread: number, mentions: number][]): ChatState {
  const state = initialChatState('alice');
  const home = state.targets[state.current]!;
  const all = { ...state.targets };
  for (const [key, unread, mentions] of [['dev', 0, 0] as const, ...targets]) {
    const dm = key.startsWith('@');
    all[key] = { ...home, key, label: dm ? key.slice(1) : key, kind: dm ? 'dm' : 'room', unread, mentions };
  }
  return { ...state, targets: all, order: Object.keys(all), current: 'dev' };
}

describe('activityText', () => {
  it('lists unread rooms and conversations, mentions and direct messages first', () => {
    const state = withActivity(['ops', 3, 0], ['@bob', 1, 0], ['random', 2, 1], ['quiet', 0, 0]);
    expect(activityText(state, 80)).toBe('[@bob 1] [#random 2!] [#ops 3]');
  });

  it('never cuts a name: what does not fit is counted', () => {
    const state = withActivity(['deploy-production-eu', 2, 1], ['deploy-production-us', 1, 1]);
    expect(activityText(state, 40)).toBe('[#deploy-production-eu 2!] +1');
    expect(activityText(state, 10)).toBe('+2');
    expect(activityText(state, 1)).toBe('');
    expect(activityText(withActivity(), 80)).toBe('');
  });
});
