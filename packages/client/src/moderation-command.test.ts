import { expect, it } from 'vitest';
import { planModerationCommand } from './moderation-command.js';

it('sends room actions for the room on screen, and refuses them elsewhere', () => {
  expect(
    planModerationCommand({ type: 'moderate', action: 'kick', name: 'bob', reason: 'x' }, 'dev'),
  ).toEqual({
    kind: 'moderate',
    request: { action: 'kick', name: 'bob', room: 'dev', reason: 'x' },
  });
  expect(planModerationCommand({ type: 'moderate', action: 'ban', name: 'bob' }, undefined)).toEqual({
    kind: 'refused',
    text: '/ban works in a room: switch to one first.',
  });
  expect(planModerationCommand({ type: 'moderate', action: 'kill', name: 'bob' }, undefined)).toEqual({
    kind: 'moderate',
    request: { action: 'kill', name: 'bob' },
  });
  expect(
    planModerationCommand({ type: 'moderate', action: 'ban', name: 'bob', server: true }, 'dev'),
  ).toEqual({
    kind: 'moderate',
    request: { action: 'ban', name: 'bob' },
  });
  expect(planModerationCommand({ type: 'claim' }, 'dev')).toEqual({ kind: 'claim', room: 'dev' });
  expect(planModerationCommand({ type: 'bans', server: true }, 'dev')).toEqual({ kind: 'bans' });
});

it('reads or changes the settings and lists the invites of the room on screen', () => {
  expect(planModerationCommand({ type: 'mode' }, 'dev')).toEqual({ kind: 'mode', room: 'dev' });
  expect(
    planModerationCommand({ type: 'mode', changes: { inviteOnly: true, password: null } }, 'dev'),
  ).toEqual({ kind: 'mode', room: 'dev', set: { inviteOnly: true, password: null } });
  expect(planModerationCommand({ type: 'mode' }, undefined)).toEqual({
    kind: 'refused',
    text: '/mode works in a room: switch to one first.',
  });
  expect(planModerationCommand({ type: 'invites' }, 'dev')).toEqual({ kind: 'invites', room: 'dev' });
  expect(planModerationCommand({ type: 'moderate', action: 'invite', name: 'bob' }, 'dev')).toEqual({
    kind: 'moderate',
    request: { action: 'invite', name: 'bob', room: 'dev' },
  });
});
