import type { ClientMessageOf } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { fakeClock } from './fake-clock.js';
import { createTypingSignal, typingLine } from './typing.js';

describe('typingLine', () => {
  it('names up to three people and summarises more', () => {
    expect(typingLine([])).toBe('');
    expect(typingLine(['bob'])).toBe('bob is typing…');
    expect(typingLine(['bob', 'carol'])).toBe('bob and carol are typing…');
    expect(typingLine(['a', 'b', 'c'])).toBe('a, b and c are typing…');
    expect(typingLine(['a', 'b', 'c', 'd'])).toBe('Several people are typing…');
  });
});

describe('createTypingSignal', () => {
  function setup() {
    const clock = fakeClock();
    const sent: ClientMessageOf<'typing'>[] = [];
    const signal = createTypingSignal(
      (m) => sent.push(m),
      clock,
      () => 3000,
    );
    return { clock, sent, signal };
  }

  it('announces typing once per interval, however many keys are pressed', () => {
    const { clock, sent, signal } = setup();
    for (const text of ['h', 'he', 'hel', 'hell']) {
      signal.input('dev', text);
      clock.advance(500);
    }
    expect(sent).toEqual([{ type: 'typing', room: 'dev', active: true }]);
    clock.advance(1000);
    signal.input('dev', 'hello');
    expect(sent).toHaveLength(2);
  });

  it('says typing stopped when the composer is emptied', () => {
    const { sent, signal } = setup();
    signal.input('dev', 'x');
    signal.input('dev', '');
    expect(sent.at(-1)).toEqual({ type: 'typing', room: 'dev', active: false });
    signal.input('dev', '');
    expect(sent).toHaveLength(2);
  });

  it('does not announce commands or direct conversations', () => {
    const { sent, signal } = setup();
    signal.input('dev', '/nick bob');
    signal.input(undefined, 'hi');
    expect(sent).toEqual([]);
  });

  it('starts over after a message is sent', () => {
    const { sent, signal } = setup();
    signal.input('dev', 'x');
    signal.reset();
    signal.input('dev', 'y');
    expect(sent).toEqual([
      { type: 'typing', room: 'dev', active: true },
      { type: 'typing', room: 'dev', active: true },
    ]);
  });

  it('stops in the old room when the user switches rooms mid-sentence', () => {
    const { sent, signal } = setup();
    signal.input('dev', 'x');
    signal.input('ops', 'xy');
    expect(sent).toEqual([
      { type: 'typing', room: 'dev', active: true },
      { type: 'typing', room: 'dev', active: false },
      { type: 'typing', room: 'ops', active: true },
    ]);
  });
});
