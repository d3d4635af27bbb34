import { describe, expect, it } from 'vitest';
import { menuChoices } from './room-menu.js';

const NOW = 1_700_000_000_000;

describe('menuChoices', () => {
  it('checks the level the room is at, and offers the mutes', () => {
    const choices = menuChoices(
      { levels: [{ target: 'ops', level: 'all' }], mutes: [], keywords: [], ignored: [] },
      'ops',
      NOW,
    );
    expect(choices.map((c) => [c.label, c.checked])).toEqual([
      ['Every message', true],
      ['Mentions only', false],
      ['Nothing', false],
      ['Mute for 1 hour', undefined],
      ['Mute for 8 hours', undefined],
      ['Mute for 1 day', undefined],
      ['Mute until unmuted', undefined],
    ]);
    expect(choices[4]?.command).toEqual({ type: 'mute', forMs: 8 * 3_600_000 });
  });

  it('offers Unmute only while the room is muted', () => {
    const prefs = { levels: [], mutes: [{ target: 'ops', until: NOW + 1 }], keywords: [], ignored: [] };
    expect(menuChoices(prefs, 'ops', NOW).at(-1)).toEqual({ label: 'Unmute', command: { type: 'unmute' } });
    expect(menuChoices(prefs, 'ops', NOW + 1).at(-1)?.label).toBe('Mute until unmuted');
    expect(menuChoices(prefs, 'dev', NOW)[1]?.checked).toBe(true);
  });
});
