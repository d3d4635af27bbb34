import { describe, expect, it } from 'vitest';
import { JoinedRooms } from './joined-rooms.js';

describe('joined rooms', () => {
  it('keeps rooms in the order joined, once each, through growing and shrinking', () => {
    const rooms = new JoinedRooms();
    expect([...rooms]).toEqual([]);
    rooms.add('dev');
    rooms.add('dev');
    expect([rooms.size, rooms.has('dev'), rooms.has('ops')]).toEqual([1, true, false]);
    rooms.add('ops');
    rooms.add('art');
    expect([...rooms]).toEqual(['dev', 'ops', 'art']);
    expect(rooms.delete('ops')).toBe(true);
    expect(rooms.delete('ops')).toBe(false);
    expect(rooms.delete('dev')).toBe(true);
    expect([...rooms]).toEqual(['art']);
    expect(rooms.size).toBe(1);
    rooms.add('dev');
    expect([...rooms]).toEqual(['art', 'dev']);
    rooms.delete('art');
    rooms.delete('dev');
    expect([rooms.size, [...rooms], rooms.delete('dev')]).toEqual([0, [], false]);
  });
});
