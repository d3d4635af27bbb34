import { describe, expect, it } from 'vitest';
import { decodeClientMessage, decodeServerMessage } from './codec.js';
import { ErrorCode } from './errors.js';
import {
  activePrefs,
  adoptPrefs,
  changePrefs,
  checkKeyword,
  EMPTY_PREFS,
  isIgnored,
  isMuted,
  notifyLevel,
  PREFS_LIMITS,
  type PrefsChange,
  parsePrefs,
  prefsTarget,
} from './prefs.js';
import type { NotifyPrefs } from './schema/common.js';

const NOW = 1_000_000;

/** Applies changes in turn, failing the test on a refusal. */
function apply(...changes: PrefsChange[]): NotifyPrefs {
  let prefs = EMPTY_PREFS;
  for (const change of changes) {
    const outcome = changePrefs(prefs, change, NOW);
    if (!outcome.ok) throw new Error(outcome.message);
    prefs = outcome.prefs;
  }
  return prefs;
}

describe('prefsTarget', () => {
  it('keys rooms by their name and conversations by the canonical name', () => {
    expect(prefsTarget('#Dev')).toEqual({ ok: true, key: 'dev' });
    expect(prefsTarget('@BOB')).toEqual({ ok: true, key: '@bob' });
    expect(prefsTarget('no spaces')).toMatchObject({ ok: false, code: ErrorCode.RoomInvalid });
    expect(prefsTarget('@')).toMatchObject({ ok: false, code: ErrorCode.NameInvalid });
  });
});

describe('levels and mutes', () => {
  it('starts every target at mentions, unmuted', () => {
    expect(notifyLevel(EMPTY_PREFS, 'dev')).toBe('mentions');
    expect(isMuted(EMPTY_PREFS, 'dev', NOW)).toBe(false);
  });

  it('keeps a level, and drops it again when set back to the default', () => {
    const all = apply({ type: 'notify', target: 'dev', level: 'all' });
    expect(notifyLevel(all, 'dev')).toBe('all');
    const back = changePrefs(all, { type: 'notify', target: 'dev', level: 'mentions' }, NOW);
    expect(back.ok && back.prefs.levels).toEqual([]);
  });

  it('mutes until unmuted, or for a while on the clock it was given', () => {
    const prefs = apply({ type: 'mute', target: 'dev' }, { type: 'mute', target: '@Bob', forMs: 60_000 });
    expect(isMuted(prefs, 'dev', NOW + 10 ** 12)).toBe(true);
    expect(isMuted(prefs, '@bob', NOW + 59_999)).toBe(true);
    expect(isMuted(prefs, '@bob', NOW + 60_000)).toBe(false);
    expect(activePrefs(prefs, NOW + 60_000).mutes).toEqual([{ target: 'dev' }]);
    const unmuted = changePrefs(prefs, { type: 'unmute', target: 'dev' }, NOW);
    expect(unmuted.ok && isMuted(unmuted.prefs, 'dev', NOW)).toBe(false);
  });

  it('keeps rooms called like Object.prototype members as plain targets', () => {
    const prefs = apply(
      { type: 'mute', target: 'constructor' },
      { type: 'notify', target: 'valueof', level: 'none' },
    );
    expect(isMuted(prefs, 'constructor', NOW)).toBe(true);
    expect(notifyLevel(prefs, 'valueof')).toBe('none');
    expect(notifyLevel(prefs, 'toString')).toBe('mentions');
    expect(isMuted(prefs, 'hasOwnProperty', NOW)).toBe(false);
  });

  it(`refuses a level or mute for more than ${PREFS_LIMITS.maxTargets} targets, but not a reset`, () => {
    let prefs = EMPTY_PREFS;
    for (let i = 0; i < PREFS_LIMITS.maxTargets; i++) {
      const outcome = changePrefs(prefs, { type: 'mute', target: `r${i}` }, NOW);
      if (outcome.ok) prefs = outcome.prefs;
    }
    const over = changePrefs(prefs, { type: 'notify', target: 'one-more', level: 'all' }, NOW);
    expect(over).toMatchObject({ ok: false, code: ErrorCode.TooManyPrefs });
    expect(changePrefs(prefs, { type: 'notify', target: 'r1', level: 'all' }, NOW).ok).toBe(true);
    expect(changePrefs(prefs, { type: 'unmute', target: 'r1' }, NOW).ok).toBe(true);
  });

  it('frees the place of an ended mute', () => {
    let prefs = EMPTY_PREFS;
    for (let i = 0; i < PREFS_LIMITS.maxTargets; i++) {
      const outcome = changePrefs(prefs, { type: 'mute', target: `r${i}`, forMs: 1000 }, NOW);
      if (outcome.ok) prefs = outcome.prefs;
    }
    expect(changePrefs(prefs, { type: 'mute', target: 'later' }, NOW + 1000).ok).toBe(true);
  });
});

describe('keywords', () => {
  it('takes one word, trimmed and NFKC, and refuses anything else with keyword_invalid', () => {
    expect(checkKeyword('  deploy ')).toEqual({ ok: true, word: 'deploy' });
    expect(checkKeyword('ｏｎ-ｃａｌｌ')).toEqual({ ok: true, word: 'on-call' });
    for (const bad of [
      '',
      'two words',
      '-dash',
      'dot.',
      'semi;colon',
      'x'.repeat(PREFS_LIMITS.maxKeywordLength + 1),
    ])
      expect(checkKeyword(bad)).toMatchObject({ ok: false, code: ErrorCode.KeywordInvalid });
    expect(checkKeyword('x'.repeat(PREFS_LIMITS.maxKeywordLength)).ok).toBe(true);
  });

  it('adds a keyword once in any spelling, and removes it in any spelling', () => {
    const prefs = apply(
      { type: 'highlight', op: 'add', word: 'Deploy' },
      { type: 'highlight', op: 'add', word: 'DEPLOY' },
      { type: 'highlight', op: 'add', word: 'release' },
    );
    expect(prefs.keywords).toEqual(['Deploy', 'release']);
    expect(
      apply({ type: 'highlight', op: 'add', word: 'x' }, { type: 'highlight', op: 'remove', word: 'X' })
        .keywords,
    ).toEqual([]);
  });

  it(`refuses keyword ${PREFS_LIMITS.maxKeywords + 1} with too_many_keywords`, () => {
    const words = Array.from({ length: PREFS_LIMITS.maxKeywords }, (_, i) => `w${i}`);
    const prefs = apply(...words.map((word) => ({ type: 'highlight', op: 'add', word }) as const));
    expect(changePrefs(prefs, { type: 'highlight', op: 'add', word: 'more' }, NOW)).toMatchObject({
      ok: false,
      code: ErrorCode.TooManyKeywords,
    });
  });
});

describe('ignored people', () => {
  it('ignores a name once in any spelling the identity rule joins, and stops in any spelling', () => {
    const prefs = apply(
      { type: 'ignore', op: 'add', name: 'Bob' },
      { type: 'ignore', op: 'add', name: '@BOB' },
      { type: 'ignore', op: 'add', name: 'ｃａｒｏｌ' },
    );
    expect(prefs.ignored).toEqual(['Bob', 'carol']);
    // Cyrillic В and о are Latin b and o under the frozen look-alike table of canonicalName.
    for (const name of ['bob', 'BOB', 'Воb', 'Carol']) expect(isIgnored(prefs, name)).toBe(true);
    // A skeleton look-alike is another name; the server keeps it from being claimed instead.
    expect(isIgnored(prefs, 'B0b')).toBe(false);
    expect(isIgnored(prefs, 'bobby')).toBe(false);
    const back = changePrefs(prefs, { type: 'ignore', op: 'remove', name: 'BOB' }, NOW);
    expect(back.ok && back.prefs.ignored).toEqual(['carol']);
  });

  it('refuses a name that breaks the name rules with name_invalid', () => {
    for (const bad of ['', 'two words', 'a\u0007b', '-x'])
      expect(changePrefs(EMPTY_PREFS, { type: 'ignore', op: 'add', name: bad }, NOW)).toMatchObject({
        ok: false,
        code: ErrorCode.NameInvalid,
      });
  });

  it(`refuses person ${PREFS_LIMITS.maxIgnored + 1} with too_many_ignored, but not an unignore`, () => {
    const names = Array.from({ length: PREFS_LIMITS.maxIgnored }, (_, i) => `troll${i}`);
    const prefs = apply(...names.map((name) => ({ type: 'ignore', op: 'add', name }) as const));
    expect(changePrefs(prefs, { type: 'ignore', op: 'add', name: 'one-more' }, NOW)).toMatchObject({
      ok: false,
      code: ErrorCode.TooManyIgnored,
    });
    expect(changePrefs(prefs, { type: 'ignore', op: 'add', name: 'TROLL1' }, NOW).ok).toBe(true);
    expect(changePrefs(prefs, { type: 'ignore', op: 'remove', name: 'troll1' }, NOW).ok).toBe(true);
  });

  it('reads a document stored before ignoring existed as ignoring nobody', () => {
    const old = parsePrefs({ levels: [], mutes: [{ target: 'dev' }], keywords: ['deploy'] });
    expect(old).toEqual({ levels: [], mutes: [{ target: 'dev' }], keywords: ['deploy'], ignored: [] });
    expect(old && isIgnored(old, 'bob')).toBe(false);
  });
});

describe('prefs frames', () => {
  it('decodes the four changes and the prefs state, and refuses bad ones', () => {
    expect(decodeClientMessage('{"type":"notify","target":"dev","level":"all"}').ok).toBe(true);
    expect(decodeClientMessage('{"type":"notify","target":"dev","level":"loud"}').ok).toBe(false);
    expect(decodeClientMessage('{"type":"mute","target":"dev","forMs":1800000}').ok).toBe(true);
    expect(
      decodeClientMessage(`{"type":"mute","target":"dev","forMs":${PREFS_LIMITS.maxMuteMs + 1}}`).ok,
    ).toBe(false);
    expect(decodeClientMessage('{"type":"mute","target":"dev","forMs":0}').ok).toBe(false);
    expect(decodeClientMessage('{"type":"unmute","target":"@bob"}').ok).toBe(true);
    expect(decodeClientMessage('{"type":"highlight","op":"add","word":"deploy"}').ok).toBe(true);
    expect(decodeClientMessage('{"type":"highlight","op":"toggle","word":"deploy"}').ok).toBe(false);
    expect(decodeClientMessage('{"type":"ignore","op":"add","name":"bob"}').ok).toBe(true);
    expect(decodeClientMessage('{"type":"ignore","op":"mute","name":"bob"}').ok).toBe(false);
    expect(decodeClientMessage(`{"type":"ignore","op":"add","name":"${'x'.repeat(1000)}"}`).ok).toBe(false);
    const state = decodeServerMessage(
      '{"type":"prefs","levels":[{"target":"dev","level":"all"}],"mutes":[{"target":"ops"},{"target":"@bob","until":5}],"keywords":["deploy"]}',
    );
    expect(state.ok && state.message).toMatchObject({
      levels: [{ target: 'dev', level: 'all' }],
      mutes: [{ target: 'ops' }, { target: '@bob', until: 5 }],
      ignored: [],
    });
    const ignoring = decodeServerMessage(
      '{"type":"prefs","levels":[],"mutes":[],"keywords":[],"ignored":["bob"]}',
    );
    expect(ignoring.ok && ignoring.message).toMatchObject({ ignored: ['bob'] });
  });
});

describe('adoptPrefs', () => {
  it("takes a guest's levels, live mutes, keywords and ignored people into an account's, by the same rules", () => {
    const now = Date.UTC(2026, 11, 6);
    const guest: NotifyPrefs = {
      levels: [
        { target: 'dev', level: 'all' },
        { target: '@bob', level: 'none' },
      ],
      mutes: [
        { target: 'ops' },
        { target: 'random', until: now + 60_000 },
        { target: 'old', until: now - 1 },
      ],
      keywords: ['deploy', 'not a word', 'Deploy'],
      ignored: ['spammer', 'not valid!'],
    };
    expect(adoptPrefs(EMPTY_PREFS, guest, now)).toEqual({
      levels: [
        { target: 'dev', level: 'all' },
        { target: '@bob', level: 'none' },
      ],
      mutes: [{ target: 'ops' }, { target: 'random', until: now + 60_000 }],
      keywords: ['deploy'],
      ignored: ['spammer'],
    });
    const kept = { ...EMPTY_PREFS, keywords: ['release'] };
    expect(adoptPrefs(kept, EMPTY_PREFS, now)).toEqual(kept);
  });
});
