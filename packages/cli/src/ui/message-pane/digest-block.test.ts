import { createTimeFormat } from 'aurora-client';
import { chat } from 'aurora-testkit';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createTheme } from '../../core/theme.js';
import { displayWidth } from '../../core/wrap.js';
import { digestLines } from './digest-block.js';

const ui = {
  theme: createTheme({ chalk: new Chalk({ level: 0 }) }),
  time: createTimeFormat({ timeZone: 'UTC', locale: 'en-GB' }),
  now: Date.UTC(2026, 2, 3, 18, 0),
};
const at = (day: number, h: number, m: number) => Date.UTC(2026, 2, day, h, m);
const mention = (seq: number, ts: number, text = 'alice: ping') =>
  chat(seq, 'bob', text, { room: 'dev', ts });

describe('digestLines', () => {
  it('lists mentions and direct messages oldest first, with the date when not today', () => {
    const lines = digestLines(
      {
        type: 'digest',
        mentions: [mention(4, at(3, 9, 30), 'alice:\nsee `x`')],
        direct: [chat(2, 'Carolyn', 'yesterday', { to: 'alice', ts: at(2, 22, 15) })],
        truncated: true,
      },
      80,
      10,
      ui,
    );
    expect(lines).toEqual([
      'While you were away: 1 mention, 1 direct message (and more)',
      '  03-02 22:15 DM   Carolyn yesterday',
      '  09:30 #dev bob     alice: see x',
    ]);
  });

  it('fits the rows and columns it is given, counting what it left out', () => {
    const mentions = Array.from({ length: 9 }, (_, i) => mention(i + 1, at(3, 10, i), 'alice: '.repeat(30)));
    const lines = digestLines({ type: 'digest', mentions, direct: [], truncated: false }, 40, 4, ui);
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('  … and 7 more');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });
});
