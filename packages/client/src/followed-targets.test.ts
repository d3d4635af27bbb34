import { describe, expect, it } from 'vitest';
import { FollowedTargets } from './followed-targets.js';
import { helloFrame } from './greeting.js';

describe('rooms followed across reconnects', () => {
  it('greets with the passwords of the rooms it rejoins, and stops asking for a room that refused it', () => {
    const hello = helloFrame({
      nick: 'bob',
      token: undefined,
      client: { name: 'test', version: '1' },
      rooms: ['dev'],
      resume: {},
      passwords: { dev: 'sesame', ops: 'gone' },
    });
    expect(hello.passwords).toEqual({ dev: 'sesame' });
    const followed = new FollowedTargets(['dev', 'ops']);
    followed.heard({ type: 'error', code: 'invite_only', message: 'no', room: 'ops' }, 'bob');
    followed.heard({ type: 'error', code: 'rate_limited', message: 'later', room: 'dev' }, 'bob');
    expect(followed.rooms).toEqual(['dev']);
  });
});
