import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { CHAT_BIN, type ServerProcess } from 'aurora-testkit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, messageRows, openPage, say, startWebServer } from './harness.js';

const run = promisify(execFile);

let browser: Browser;
let server: ServerProcess;
const children: ChildProcess[] = [];

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startWebServer()]);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await browser?.close();
  await server?.stop();
});

describe('the page and the terminal client', () => {
  it('shows a message sent with aurora-chat send', async () => {
    const page = await openPage(browser, `${server.httpUrl}/?room=dev&name=webber`);
    await page.page.locator('.chat').waitFor();
    await run(process.execPath, [
      CHAT_BIN,
      'send',
      '--room',
      'dev',
      '--name',
      'ci-bot',
      '--server',
      server.wsUrl,
      'build 412 **passed**',
    ]);
    const row = messageRows(page.page).filter({ hasText: 'build 412 passed' });
    await row.waitFor();
    expect(await row.locator('.nick').textContent()).toBe('ci-bot');
    expect(await row.locator('strong').textContent()).toBe('passed');
    page.expectClean();
    await page.context.close();
  });

  it('sends what is typed in the page to aurora-chat tail --json', async () => {
    const tail = spawn(
      process.execPath,
      [CHAT_BIN, 'tail', '--room', 'dev', '--name', 'watcher', '--json', '--server', server.wsUrl],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(tail);
    const lines: Record<string, unknown>[] = [];
    createInterface({ input: tail.stdout! }).on('line', (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );

    const page = await openPage(browser, `${server.httpUrl}/?room=dev&name=typist`);
    // The tail has joined once the page lists it among the members.
    await page.page.locator('#members .nick', { hasText: 'watcher' }).waitFor();
    await say(page.page, 'hello from the **browser**');
    await say(page.page, '/me waves at the terminal');
    await expect
      .poll(
        () => lines.filter((l) => l.from === 'typist' && l.kind !== 'system').map((l) => [l.kind, l.text]),
        {
          timeout: 10_000,
        },
      )
      .toEqual([
        ['chat', 'hello from the **browser**'],
        ['action', 'waves at the terminal'],
      ]);
    const [said] = lines.filter((l) => l.from === 'typist' && l.kind === 'chat');
    expect(said).toMatchObject({ type: 'message', room: 'dev', from: 'typist' });
    expect(typeof said?.seq).toBe('number');
    expect(typeof said?.id).toBe('string');
    page.expectClean();
    await page.context.close();
  });
});
