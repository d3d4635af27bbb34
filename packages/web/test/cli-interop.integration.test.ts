import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { CHAT_BIN } from 'aurora-testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { messageRows, openPage, RESULTS_DIR, say, useBrowserAndServer } from './harness.js';

const env = useBrowserAndServer();

const run = promisify(execFile);

const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

describe('the page and the terminal client', () => {
  it('shows a message sent with aurora-chat send', async () => {
    const page = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=webber`);
    await page.page.locator('.chat').waitFor();
    await run(process.execPath, [
      CHAT_BIN,
      'send',
      '--room',
      'dev',
      '--name',
      'ci-bot',
      '--server',
      env.server.wsUrl,
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
      [CHAT_BIN, 'tail', '--room', 'dev', '--name', 'watcher', '--json', '--server', env.server.wsUrl],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(tail);
    const lines: Record<string, unknown>[] = [];
    createInterface({ input: tail.stdout! }).on('line', (line) =>
      lines.push(JSON.parse(line) as Record<string, unknown>),
    );

    const page = await openPage(env.browser, `${env.server.httpUrl}/?room=dev&name=typist`);
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

  it('shows a tail started and stopped three times as one line, as the terminal does', async () => {
    const page = await openPage(env.browser, `${env.server.httpUrl}/?room=quiet&name=reader`);
    await page.page.locator('.chat').waitFor();
    const lurker = page.page.locator('#members .nick', { hasText: 'lurker' });
    for (let i = 0; i < 3; i++) {
      const tail = spawn(
        process.execPath,
        [CHAT_BIN, 'tail', '--room', 'quiet', '--name', 'lurker', '--server', env.server.wsUrl],
        { stdio: 'ignore' },
      );
      children.push(tail);
      await lurker.waitFor();
      const exited = new Promise((resolve) => tail.once('exit', resolve));
      tail.kill('SIGTERM');
      await exited;
      await lurker.waitFor({ state: 'detached' });
    }
    const runs = page.page.locator('.messages li.msg-run');
    await expect
      .poll(() => runs.allTextContents())
      .toEqual([expect.stringContaining('lurker joined and left 3 times')]);
    expect(await messageRows(page.page).filter({ hasText: 'lurker' }).count()).toBe(1);
    await page.page.screenshot({ path: `${RESULTS_DIR}quiet-runs.png` });
    page.expectClean();
    await page.context.close();
  });
});
