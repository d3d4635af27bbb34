import { spawnSync } from 'node:child_process';
import { SERVER_BIN } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { messageRows, openPage, useBrowserAndServer } from './harness.js';

// Webhooks are kept with the data, so this server keeps a data folder (not --memory).
const env = useBrowserAndServer({ memory: false });

describe('webhook messages in the browser', () => {
  it('show the webhook name with the bot sign, never the registered one', async () => {
    const created = spawnSync(
      process.execPath,
      [SERVER_BIN, 'webhook', 'create', '--data', env.server.dataDir, '--room', 'ci', '--name', 'builds'],
      { encoding: 'utf8', timeout: 15_000 },
    );
    expect(created.status).toBe(0);
    const watcher = await openPage(env.browser, `${env.server.httpUrl}/?room=ci&name=watcher`);
    await watcher.page.locator('.chat').waitFor();
    const response = await fetch(`${env.server.httpUrl}${created.stdout.trim()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text":"build **412** passed"}',
    });
    expect(response.status).toBe(200);
    const row = messageRows(watcher.page).filter({ hasText: 'build 412 passed' });
    await row.waitFor();
    expect(await row.locator('.nick').textContent()).toBe('builds');
    expect(await row.locator('.bot').getAttribute('aria-label')).toBe('bot');
    expect(await row.locator('.registered').count()).toBe(0);
    expect(await row.locator('strong').textContent()).toBe('412');
    watcher.expectClean();
    await watcher.context.close();
  });
});
