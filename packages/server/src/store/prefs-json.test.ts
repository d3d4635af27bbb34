import { describe, expect, it } from 'vitest';
import { decodePrefs } from './prefs-json.js';

describe('decodePrefs', () => {
  it('reads a document stored before ignoring existed as ignoring nobody, keeping the rest', () => {
    const stored = JSON.stringify({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [],
      keywords: ['deploy'],
    });
    expect(decodePrefs(stored)).toEqual({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [],
      keywords: ['deploy'],
      ignored: [],
    });
  });

  it('reads nothing stored, or a hand-broken row, as no preferences', () => {
    expect(decodePrefs(null)).toMatchObject({ ignored: [], keywords: [] });
    expect(decodePrefs('{not json')).toMatchObject({ ignored: [], keywords: [] });
  });
});
