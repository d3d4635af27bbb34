import { describe, expect, it } from 'vitest';
import { emptyInput, type InputAction, type InputState, inputReducer } from './use-input-box-state.js';

const sources = {
  commands: ['join', 'me', 'msg', 'nick', 'quit'],
  nicks: ['alice', 'Albert', 'bob', 'ALINA'],
  me: 'alice',
};
const apply = (state: InputState, ...actions: InputAction[]) => actions.reduce(inputReducer, state);
const typed = (text: string) => apply(emptyInput, { type: 'insert', text });
/** Shows the value with the cursor as `|`. */
const show = (state: InputState) =>
  `${state.value.slice(0, state.cursor)}|${state.value.slice(state.cursor)}`;
const tab = (reverse = false): InputAction => ({ type: 'complete', sources, reverse });

describe('inputReducer: editing', () => {
  it('inserts at the cursor and moves by character', () => {
    const state = apply(typed('helo'), { type: 'left' }, { type: 'insert', text: 'l' });
    expect(show(state)).toBe('hell|o');
  });

  it('moves over and deletes whole emoji and accented letters, never half of one', () => {
    const state = typed('a👩‍💻é');
    expect(show(apply(state, { type: 'left' }))).toBe('a👩‍💻|é');
    expect(show(apply(state, { type: 'left' }, { type: 'left' }))).toBe('a|👩‍💻é');
    expect(show(apply(state, { type: 'backspace' }, { type: 'backspace' }))).toBe('a|');
    expect(show(apply(state, { type: 'line-start' }, { type: 'right' }, { type: 'delete' }))).toBe('a|é');
  });

  it('jumps and deletes by word (Alt+Left/Right, Ctrl+W, Alt+D)', () => {
    const state = typed('git push  origin main');
    expect(show(apply(state, { type: 'word-left' }))).toBe('git push  origin |main');
    expect(show(apply(state, { type: 'word-left' }, { type: 'word-left' }))).toBe('git push  |origin main');
    expect(show(apply(state, { type: 'line-start' }, { type: 'word-right' }))).toBe('git| push  origin main');
    expect(show(apply(state, { type: 'delete-word-before' }))).toBe('git push  origin |');
    expect(show(apply(state, { type: 'line-start' }, { type: 'delete-word-after' }))).toBe(
      '| push  origin main',
    );
  });

  it('goes to the start and end (Home/End, Ctrl+A/E) and kills to them (Ctrl+U/K)', () => {
    const state = apply(typed('hello world'), { type: 'word-left' });
    expect(show(apply(state, { type: 'line-start' }))).toBe('|hello world');
    expect(show(apply(state, { type: 'line-start' }, { type: 'line-end' }))).toBe('hello world|');
    expect(show(apply(state, { type: 'delete-to-start' }))).toBe('|world');
    expect(show(apply(state, { type: 'delete-to-end' }))).toBe('hello |');
  });

  it('edits several lines: Home/End stay on the line, Up/Down move between lines', () => {
    const state = apply(
      typed('first line'),
      { type: 'insert', text: '\n' },
      { type: 'insert', text: 'second' },
    );
    expect(show(apply(state, { type: 'line-start' }))).toBe('first line\n|second');
    expect(show(apply(state, { type: 'up' }))).toBe('first |line\nsecond');
    expect(show(apply(state, { type: 'up' }, { type: 'line-end' }, { type: 'down' }))).toBe(
      'first line\nsecond|',
    );
  });
});

describe('inputReducer: history', () => {
  const sent = (state: InputState, text: string) =>
    apply(state, { type: 'insert', text }, { type: 'submitted' });

  it('brings back sent lines with Up and returns to the draft with Down', () => {
    let state = sent(sent(emptyInput, 'one'), 'two');
    state = apply(state, { type: 'insert', text: 'dra' });
    expect(apply(state, { type: 'up' }).value).toBe('two');
    expect(apply(state, { type: 'up' }, { type: 'up' }).value).toBe('one');
    expect(apply(state, { type: 'up' }, { type: 'up' }, { type: 'up' }).value).toBe('one');
    expect(show(apply(state, { type: 'up' }, { type: 'up' }, { type: 'down' }, { type: 'down' }))).toBe(
      'dra|',
    );
  });

  it('does not keep blank lines or repeats', () => {
    const state = sent(sent(sent(emptyInput, 'same'), 'same'), '   ');
    expect(state.history).toEqual(['same']);
  });

  it('never brings back a password typed on a line: Up recalls the command without it', () => {
    let state = sent(emptyInput, '/join #vault hunter2');
    state = sent(state, '/mode +k s3cret');
    expect(state.history).toEqual(['/join #vault', '/mode +k']);
    expect(apply(state, { type: 'up' }, { type: 'up' }).value).toBe('/join #vault');
    expect(JSON.stringify(state)).not.toMatch(/hunter2|s3cret/);
  });
});

describe('inputReducer: completion', () => {
  it('completes a name at the start of the line as an address', () => {
    expect(show(apply(typed('bo'), tab()))).toBe('bob: |');
  });

  it('completes a name inside a line with a space, ignoring case', () => {
    expect(show(apply(typed('thanks BO'), tab()))).toBe('thanks bob |');
  });

  it('cycles through matches with Tab and back with Shift+Tab, others before me', () => {
    const first = apply(typed('hi al'), tab());
    expect(first.value).toBe('hi Albert ');
    expect(apply(first, tab()).value).toBe('hi ALINA ');
    expect(apply(first, tab(), tab()).value).toBe('hi alice ');
    expect(apply(first, tab(), tab(), tab()).value).toBe('hi Albert ');
    expect(apply(first, tab(true)).value).toBe('hi alice ');
  });

  it('keeps an @ in front of a completed name', () => {
    expect(apply(typed('ping @bo'), tab()).value).toBe('ping @bob ');
  });

  it('completes commands at the start of the line', () => {
    expect(show(apply(typed('/jo'), tab()))).toBe('/join |');
    expect(apply(typed('/m'), tab(), tab()).value).toBe('/msg ');
  });

  it('leaves the input alone when nothing matches', () => {
    const state = typed('zz');
    expect(apply(state, tab())).toBe(state);
  });

  it('stops cycling once the user types', () => {
    const state = apply(typed('bo'), tab(), { type: 'insert', text: 'hi' });
    expect(state.completion).toBeUndefined();
  });
});
