import { describe, expect, it } from 'vitest';
import { mentionMatcher, mentions } from './mentions.js';

describe('mentions', () => {
  it.each([
    ['alice: ping', true],
    ['hey @Alice!', true],
    ['thanks alice.', true],
    ['thanks ALICE...', true],
    ["alice's turn", true],
    ['ｈｉ ａｌｉｃｅ', true],
    ['(alice)', true],
    ['—alice—', true],
    ['malice aforethought', false],
    ['alice_bot says hi', false],
    ['alice-bot says hi', false],
    ['ask alice.smith', false],
    ['alices', false],
    ['nothing here', false],
    ['', false],
  ])('%j mentions alice: %s', (text, expected) => {
    expect(mentions(text, 'alice')).toBe(expected);
  });

  it('matches every spelling of the same person, the nick included', () => {
    expect(mentions('hi alice', 'ALICE')).toBe(true);
    expect(mentions('hi alice', 'ａｌｉｃｅ')).toBe(true);
  });

  it('takes names with dots and dashes whole, and their characters literally', () => {
    expect(mentions('hi a.b', 'a.b')).toBe(true);
    expect(mentions('hi a.b.', 'a.b')).toBe(true);
    expect(mentions('hi axb', 'a.b')).toBe(false);
    expect(mentions('ping bob.', 'bob.')).toBe(true);
    expect(mentions('ping d-j', 'd-j')).toBe(true);
    expect(mentions('ping d', 'd-j')).toBe(false);
  });

  it('finds names in any script', () => {
    expect(mentions('привет, Мария!', 'мария')).toBe(true);
    expect(mentions('李雷 你好', '李雷')).toBe(true);
  });

  it('never matches an empty nick', () => {
    expect(mentionMatcher('')('anything at all')).toBe(false);
  });
});

describe('mentions with highlight keywords', () => {
  it('counts a keyword as a mention, folded and whole, as a name is', () => {
    const matcher = mentionMatcher('alice', ['deploy', 'on-call']);
    expect(matcher('DEPLOY is done')).toBe(true);
    expect(matcher('ｄｅｐｌｏｙ now')).toBe(true);
    expect(matcher('who is on-call?')).toBe(true);
    expect(matcher('after the deploy.')).toBe(true);
    expect(matcher('redeploy it')).toBe(false);
    expect(matcher('deployed')).toBe(false);
    expect(matcher('on call')).toBe(false);
    expect(matcher('alice, look')).toBe(true);
  });

  it('matches keywords even with an empty nick, and nothing with neither', () => {
    expect(mentions('a deploy', '', ['deploy'])).toBe(true);
    expect(mentionMatcher('', [])('deploy')).toBe(false);
  });
});
