import { describe, expect, it } from 'vitest';
import { createStore } from './store.js';

describe('createStore', () => {
  it('tells subscribers about changes, and only about changes', () => {
    const store = createStore((count: number, add: number) => count + add, 0);
    const seen: number[] = [];
    const stop = store.subscribe((state) => seen.push(state));
    store.dispatch(2);
    store.dispatch(0);
    store.dispatch(3);
    stop();
    store.dispatch(1);
    expect(seen).toEqual([2, 5]);
    expect(store.getState()).toBe(6);
  });
});
