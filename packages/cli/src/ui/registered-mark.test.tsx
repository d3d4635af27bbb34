import { createTimeFormat } from 'aurora-client';
import { chat, joined } from 'aurora-testkit';
import { Chalk } from 'chalk';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { renderItem } from '../core/render-line.js';
import { createTheme } from '../core/theme.js';
import { renderChat } from '../testing/render-chat.js';

afterEach(() => cleanup());

const panelOf = (screen: string) =>
  screen
    .split('\n')
    .map((row) => row.split('│ ').at(-1)?.trimEnd() ?? '')
    .join('\n');

describe('registered names', () => {
  it('carry ✓ in message rows and the member list, and keep it through away, back and joins', async () => {
    const app = renderChat();
    await app.server.accept(
      joined('dev', {
        members: [
          { nick: 'alice', account: true, away: false },
          { nick: 'bob', away: false },
        ],
      }),
      chat(1, 'alice', 'from the account', { account: true }),
      chat(2, 'bob', 'from a guest'),
    );
    const screen = app.screen();
    expect(screen).toMatch(/alice✓ │ from the account/);
    expect(screen).toMatch(/ bob │ from a guest/);
    expect(panelOf(screen)).toContain('Members (2)\nalice✓\nbob');
    await app.server.send({ type: 'presence', room: 'dev', event: 'away', nick: 'alice', status: 'lunch' });
    await app.server.send({ type: 'presence', room: 'dev', event: 'back', nick: 'alice' });
    await app.server.send({ type: 'presence', room: 'dev', event: 'join', nick: 'carol', account: true });
    await app.server.send({ type: 'presence', room: 'dev', event: 'join', nick: 'dave' });
    expect(panelOf(app.screen())).toContain('Members (4)\nalice✓\nbob\ncarol✓\ndave');
  });
});

describe('webhook names', () => {
  it('carry ⚙ in message rows, also under the name of someone here', async () => {
    const app = renderChat({ nick: 'builds' });
    await app.server.accept(
      joined('dev', { members: [{ nick: 'builds', away: false }] }),
      chat(1, 'builds', 'build 412 passed', { bot: true }),
      chat(2, 'builds', 'from me'),
    );
    const screen = app.screen();
    // Wider than the members' nick column, so the marked name takes a row of its own.
    expect(screen).toMatch(/12:01 builds⚙ *│\n *│ build 412 passed/);
    expect(screen).toMatch(/ builds │ from me/);
  });
});

describe('the registered sign on a name wider than the nick column', () => {
  it('is kept with the whole name on a row of its own, so a guest never passes for a registered one', () => {
    const context = {
      width: 60,
      nickWidth: 6,
      me: 'me',
      theme: createTheme({ chalk: new Chalk({ level: 0 }) }),
      time: createTimeFormat({ timeZone: 'UTC', locale: 'en-GB' }),
    };
    const row = (account: boolean) => {
      const message = chat(1, 'deploy-bot', 'done', account ? { account: true } : {});
      return renderItem(
        { kind: 'message', order: 1024, message, mine: false, mention: false },
        false,
        context,
      );
    };
    const rows = (account: boolean) => row(account).map((line) => line.trimEnd());
    expect(rows(true)).toEqual(['12:01 deploy-bot✓', '             │ done']);
    expect(rows(false)).toEqual(['12:01 deploy-bot', '             │ done']);
  });
});
