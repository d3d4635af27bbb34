import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerProcess } from 'aurora-testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, launchBrowser, messageRows, openPage, say, sayRaw, startWebServer } from './harness.js';

/** What the browser logs by itself while the server is down: expected here, and only here. */
const SERVER_DOWN = [/WebSocket connection to .* failed/, /Failed to load resource/];

let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = await mkdtemp(join(tmpdir(), 'aurora-web-reconnect-'));
});

afterAll(async () => {
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The texts of the stored messages on screen, in order. */
const texts = (page: Page) => messageRows(page).locator('.body').allTextContents();

describe('when the server restarts', () => {
  it('reconnects by itself, sends what was written meanwhile, and shows every message exactly once', async () => {
    let server: ServerProcess = await startWebServer({ memory: false, dataDir });
    const port = server.port;
    const alice = await openPage(browser, `${server.httpUrl}/?room=ops&name=alice`);
    const bob = await openPage(browser, `${server.httpUrl}/?room=ops&name=bob`);
    await Promise.all([alice.page.locator('.chat').waitFor(), bob.page.locator('.chat').waitFor()]);
    await say(alice.page, 'before the restart');
    await messageRows(bob.page).filter({ hasText: 'before the restart' }).waitFor();

    await server.stop();
    for (const page of [alice.page, bob.page]) {
      await expect.poll(() => page.locator('.topbar .status').textContent()).toBe('Reconnecting…');
      await expect.poll(() => page.locator('.banner').isVisible()).toBe(true);
    }
    await say(alice.page, 'written while the server was down');
    const pending = alice.page.locator('.msg.pending', { hasText: 'written while the server was down' });
    await expect.poll(() => pending.locator('.delivery').textContent()).toBe('sending…');
    await expect
      .poll(() => alice.page.locator('.banner').textContent())
      .toContain('1 message will be sent when back.');

    server = await startWebServer({ memory: false, dataDir, port });
    try {
      const bot = await openPage(browser, `${server.httpUrl}/healthz`);
      await sayRaw(bot.page, server.wsUrl, 'ci-bot', 'ops', ['said while they were reconnecting']);
      for (const page of [alice.page, bob.page]) {
        await expect
          .poll(() => page.locator('.topbar .status').textContent(), { timeout: 15_000 })
          .toBe('Connected');
        await messageRows(page).filter({ hasText: 'written while the server was down' }).waitFor();
        await messageRows(page).filter({ hasText: 'said while they were reconnecting' }).waitFor();
        await expect.poll(() => page.locator('.banner').isHidden()).toBe(true);
      }
      await expect.poll(() => alice.page.locator('.msg.pending').count()).toBe(0);
      for (const page of [alice.page, bob.page]) {
        const shown = await texts(page);
        for (const text of [
          'before the restart',
          'written while the server was down',
          'said while they were reconnecting',
        ])
          expect(
            shown.filter((t) => t === text),
            `${text} in ${shown.join(' | ')}`,
          ).toHaveLength(1);
        // Condensed runs of join and leave lines carry no seq of their own (one stands for several,
        // and where a run ends depends on when the coalesced notices came): only stored rows count.
        const seqs = await messageRows(page).evaluateAll((rows) =>
          rows.filter((r) => r.hasAttribute('data-seq')).map((r) => Number(r.getAttribute('data-seq'))),
        );
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(seqs.length);
      }
      alice.expectClean(SERVER_DOWN);
      bob.expectClean(SERVER_DOWN);
      await Promise.all([alice.context.close(), bob.context.close(), bot.context.close()]);
    } finally {
      await server.stop();
    }
  });

  it('says so on the join screen when the server cannot be reached, and joins once it is back', async () => {
    let server = await startWebServer({ memory: false, dataDir });
    const port = server.port;
    const carol = await openPage(browser, `${server.httpUrl}/?room=ops`);
    await server.stop();
    await carol.page.getByLabel('Your name').fill('carol');
    await carol.page.getByRole('button', { name: 'Join', exact: true }).click();
    await expect
      .poll(() => carol.page.locator('#join-error').textContent())
      .toBe('Cannot reach the server. Check your connection, or try again in a moment.');
    server = await startWebServer({ memory: false, dataDir, port });
    try {
      await joinAs(carol.page, 'carol');
      await expect.poll(() => carol.page.locator('.topbar .title').textContent()).toBe('#ops');
      carol.expectClean(SERVER_DOWN);
      await carol.context.close();
    } finally {
      await server.stop();
    }
  });
});
