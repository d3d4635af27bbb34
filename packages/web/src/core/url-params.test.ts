import { describe, expect, it } from 'vitest';
import { parseJoinLink, roomLink, socketUrl } from './url-params.js';

describe('parseJoinLink', () => {
  it('opens the join screen for a room link', () => {
    expect(parseJoinLink('?room=dev')).toEqual({ room: 'dev', autoJoin: false, problems: [] });
  });

  it('joins straight away when the link names a room and a name', () => {
    expect(parseJoinLink('?room=dev&name=alice')).toEqual({
      room: 'dev',
      name: 'alice',
      autoJoin: true,
      problems: [],
    });
  });

  it('uses the canonical room name, so #Dev and dev are one link', () => {
    expect(parseJoinLink('?room=%23Dev').room).toBe('dev');
  });

  it('explains an unusable room or name instead of joining', () => {
    const link = parseJoinLink('?room=no%20spaces&name=%3Cb%3Ebob%3C%2Fb%3E');
    expect(link.autoJoin).toBe(false);
    expect(link.room).toBeUndefined();
    expect(link.name).toBeUndefined();
    expect(link.problems).toEqual([
      expect.stringContaining("The link's room cannot be used"),
      expect.stringContaining("The link's name cannot be used"),
    ]);
  });

  it('does not join when only the name is valid', () => {
    const link = parseJoinLink('?room=%21%21&name=alice');
    expect(link).toMatchObject({ name: 'alice', autoJoin: false });
    expect(link.problems).toHaveLength(1);
  });

  it('ignores empty and absent parameters', () => {
    expect(parseJoinLink('')).toEqual({ autoJoin: false, problems: [] });
    expect(parseJoinLink('?room=&name=%20')).toEqual({ autoJoin: false, problems: [] });
  });
});

describe('roomLink', () => {
  it('shares the room but never the name', () => {
    expect(roomLink('https://chat.example', '/', 'dev')).toBe('https://chat.example/?room=dev');
  });
});

describe('socketUrl', () => {
  it('talks to /ws on the host that served the page, over TLS when the page used it', () => {
    expect(socketUrl({ protocol: 'http:', host: 'localhost:8000' })).toBe('ws://localhost:8000/ws');
    expect(socketUrl({ protocol: 'https:', host: 'chat.example' })).toBe('wss://chat.example/ws');
  });
});
