import { joined, members } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../testing/render-chat.js';
import { waitForFrame } from '../testing/wait-for-frame.js';

afterEach(() => cleanup());

const statusOf = (screen: string) => screen.split('\n')[0] ?? '';
const count = (screen: string, text: string) => screen.split(text).length - 1;

describe('away messages', () => {
  it('shows what an away person said in the member list, /who, and their direct conversation', async () => {
    const app = renderChat({ size: { columns: 100, rows: 20 } });
    await app.server.accept(joined('dev', { members: members('alice', 'bob') }));
    app.server.sendNow({ type: 'presence', room: 'dev', event: 'away', nick: 'bob', status: 'at lunch' });
    await waitForFrame(app.screen, (s) => s.includes('│ bob (away: at lunch)'), 'the member list');

    await app.type('/who');
    await app.press(KEYS.enter);
    app.server.sendNow({
      type: 'members',
      room: 'dev',
      members: [
        { nick: 'alice', away: false },
        { nick: 'bob', away: true, status: 'at lunch' },
      ],
    });
    await waitForFrame(app.screen, (s) => s.includes('In dev (2): alice, bob (away: at lunch)'), '/who');

    await app.type('/msg bob are you there?');
    await app.press(KEYS.enter);
    const told = await waitForFrame(
      app.screen,
      (s) => s.includes('-- │ bob is away: at lunch'),
      'the notice',
    );
    expect(statusOf(told)).toContain('@bob │ bob is away: at lunch');
    // Once per absence, not after every line.
    await app.type('ping');
    await app.press(KEYS.enter);
    const again = await waitForFrame(app.screen, (s) => s.includes('│ ping'), 'the second line');
    expect(count(again, 'bob is away: at lunch')).toBe(2); // the notice and the status line

    app.server.sendNow({ type: 'presence', room: 'dev', event: 'back', nick: 'bob' });
    await waitForFrame(app.screen, (s) => statusOf(s).includes('@bob │ direct messages'), 'bob back');
  });
});
