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
