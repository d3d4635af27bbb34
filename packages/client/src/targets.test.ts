import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { dmTarget, messagePlace, targetOfWire } from './targets.js';

describe('targets', () => {
  it('keys a conversation by the canonical name, however the server spells it on the wire', () => {
    expect(targetOfWire('@Bob')).toBe(dmTarget('bob'));
    expect(targetOfWire('dev')).toBe('dev');
  });

  it('places a direct message with whoever is not me, in either direction', () => {
    const toMe = chat(1, 'Bob', 'hi', { to: 'alice' });
    const fromMe = chat(2, 'alice', 'hey', { to: 'Bob' });
    expect(messagePlace(toMe, 'alice')).toEqual({ target: '@bob', name: 'Bob', isDm: true });
    expect(messagePlace(fromMe, 'Alice')).toEqual({ target: '@bob', name: 'Bob', isDm: true });
  });

  it('places a room message in its room', () => {
    expect(messagePlace(chat(3, 'bob', 'hi'), 'alice')).toEqual({ target: 'dev', name: 'dev', isDm: false });
  });
});
