import type { ChatMessage } from 'aurora-protocol';
import { chat } from 'aurora-testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  condenseRun,
  continuesRun,
  hidesMembership,
  type MembershipEvent,
  membershipEvent,
  parseQuietJoins,
  runSentence,
} from './membership-runs.js';

const join = (nick: string): MembershipEvent => ({ kind: 'join', nick });
const leave = (nick: string): MembershipEvent => ({ kind: 'leave', nick });
const rename = (from: string, nick: string): MembershipEvent => ({ kind: 'rename', from, nick });
const times = <T>(n: number, ...events: T[]): T[] => Array.from({ length: n }, () => events).flat();

const HOUR = 3_600_000;
const notice = (seq: number, event: MembershipEvent, ts = seq * 1000): ChatMessage =>
  chat(seq, event.nick, 'x', { kind: 'system', event, ts });
const day = (a: number, b: number) => Math.floor(a / (24 * HOUR)) !== Math.floor(b / (24 * HOUR));

describe('runSentence', () => {
  it('says a tail started and stopped three times, and who else came, in one short line', () => {
    const run = [...times(3, join('watcher'), leave('watcher')), join('pat')];
    expect(runSentence(run)).toBe('watcher joined and left 3 times, pat joined');
  });

  it('tells a reconnect (left and rejoined) from a visit (joined and left)', () => {
    expect(runSentence([leave('bob'), join('bob'), join('eve'), leave('eve')])).toBe(
      'bob left and rejoined, eve joined and left',
    );
    expect(runSentence(times(2, leave('bob'), join('bob')))).toBe('bob left and rejoined 2 times');
  });

  it('says what is left over after the pairs', () => {
    expect(runSentence([join('a'), leave('a'), join('a')])).toBe('a joined and left then joined');
    expect(runSentence([leave('a'), join('a'), leave('a')])).toBe('a left and rejoined then left');
    expect(runSentence([join('a'), join('a')])).toBe('a joined 2 times');
  });

  it('follows a person through a rename', () => {
    expect(runSentence([rename('alice', 'alice2'), join('bob')])).toBe('alice is now alice2, bob joined');
    expect(runSentence([join('alice'), rename('alice', 'al'), leave('al')])).toBe(
      'alice (now al) joined and left',
    );
    expect(runSentence([rename('alice', 'al'), rename('al', 'alice')])).toBe('alice changed name and back');
    expect(runSentence([join('Bob'), leave('bob')])).toBe('Bob joined and left');
  });

  it('names a few people and counts the rest, so one line stays one line', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(runSentence(names.map(join))).toBe('a joined, b joined, c joined, and 3 others joined');
    expect(runSentence(names.map(leave))).toBe('a left, b left, c left, and 3 others left');
    expect(runSentence([...names.slice(0, 5).map(join), leave('f')])).toBe(
      'a joined, b joined, c joined, and 3 others',
    );
    // Never "and 1 others": the fourth is named instead.
    expect(runSentence(names.slice(0, 4).map(join))).toBe('a joined, b joined, c joined, d joined');
  });
});

const nickArb = fc.constantFrom('ann', 'bob', 'Bob', 'cy', 'dee');
const eventArb: fc.Arbitrary<MembershipEvent> = fc.oneof(
  nickArb.map(join),
  nickArb.map(leave),
  fc.tuple(nickArb, nickArb).map(([from, nick]) => rename(from, nick)),
);

describe('condenseRun', () => {
  it('counts a coalesced notice once for each person it names, in a run with lone ones', () => {
    const people = condenseRun([
      { kind: 'join', nick: 'ann', nicks: ['ann', 'bob', 'cy'] },
      leave('bob'),
      { kind: 'leave', nick: 'ann', nicks: ['ann', 'cy'] },
    ]);
    expect(people.map((p) => [p.nick, p.moves.join(' ')])).toEqual([
      ['ann', 'join leave'],
      ['bob', 'join leave'],
      ['cy', 'join leave'],
    ]);
    expect(runSentence([{ kind: 'join', nick: 'ann', nicks: ['ann', 'bob'] }, join('cy')])).toBe(
      'ann joined, bob joined, cy joined',
    );
  });

  it('accounts for every notice exactly once', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const people = condenseRun(events);
        const counted = people.reduce((n, p) => n + p.moves.length + p.renames, 0);
        expect(counted).toBe(events.length);
      }),
    );
  });

  it("keeps each person's joins and leaves in order when nobody is renamed", () => {
    const moves = fc.oneof(nickArb.map(join), nickArb.map(leave));
    fc.assert(
      fc.property(fc.array(moves, { minLength: 1, maxLength: 40 }), (events) => {
        for (const person of condenseRun(events)) {
          const own = events.filter((e) => e.nick.toLowerCase() === person.nick.toLowerCase());
          expect(person.moves).toEqual(own.map((e) => e.kind));
        }
      }),
    );
  });

  it('names people in order of first appearance, once each', () => {
    expect(condenseRun([join('b'), join('a'), leave('b')]).map((p) => p.nick)).toEqual(['b', 'a']);
  });
});

describe('continuesRun', () => {
  it('joins consecutive joins, leaves and renames of one day', () => {
    expect(continuesRun(notice(1, join('a')), notice(2, rename('a', 'b')), day)).toBe(true);
  });

  it('is broken by a gap, a day change, a topic, and always by a chat line', () => {
    expect(continuesRun(notice(1, join('a')), notice(3, join('b')), day)).toBe(false);
    expect(continuesRun(notice(1, join('a'), 23 * HOUR), notice(2, join('b'), 25 * HOUR), day)).toBe(false);
    const topic = chat(2, 'a', 'x', { kind: 'system', event: { kind: 'topic', nick: 'a', topic: 't' } });
    expect(continuesRun(notice(1, join('a')), topic, day)).toBe(false);
    fc.assert(
      fc.property(
        eventArb,
        fc.constantFrom('chat', 'action', 'dm') as fc.Arbitrary<'chat' | 'action' | 'dm'>,
        (event, kind) => {
          const line = chat(2, 'bob', 'hi', { kind, ts: 2000 });
          expect(continuesRun(notice(1, event), line, day)).toBe(false);
          expect(continuesRun({ ...line, seq: 1 }, notice(2, event), day)).toBe(false);
        },
      ),
    );
  });

  it('counts only joins, leaves and renames as membership notices', () => {
    expect(membershipEvent(notice(1, leave('a')))).toEqual(leave('a'));
    expect(membershipEvent(chat(1, 'a', 'a joined', { kind: 'system' }))).toBeUndefined();
  });
});

describe('quiet joins', () => {
  it('reads always, never and a member count, and nothing else', () => {
    expect(parseQuietJoins('always')).toBe(0);
    expect(parseQuietJoins('never')).toBe(Number.POSITIVE_INFINITY);
    expect(parseQuietJoins('50')).toBe(50);
    expect(parseQuietJoins(20)).toBe(20);
    for (const bad of ['', '-1', '1.5', 'sometimes', '1e3']) expect(parseQuietJoins(bad)).toBeUndefined();
    expect(parseQuietJoins(-1)).toBeUndefined();
  });

  it('hides in rooms with more members than the setting', () => {
    expect(hidesMembership(50, 50)).toBe(false);
    expect(hidesMembership(50, 51)).toBe(true);
    expect(hidesMembership(0, 1)).toBe(true);
    expect(hidesMembership(Number.POSITIVE_INFINITY, 10_000)).toBe(false);
  });
});
