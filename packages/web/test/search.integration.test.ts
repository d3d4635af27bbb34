import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  messageRows,
  openPage,
  RESULTS_DIR,
  say,
  sayRaw,
  scroller,
  useBrowserAndServer,
  visibleRows,
  type WatchedPage,
} from './harness.js';

// A generous rate limit lets the test seed a long history quickly (searches count against it too).
const env = useBrowserAndServer({ args: ['--rate', '1000', '--burst', '1000'] });

/** `prefix 1` … `prefix to`, with `special` in place of the lines it names. */
function lines(prefix: string, to: number, special: Record<number, string> = {}): string[] {
  return Array.from({ length: to }, (_, i) => special[i + 1] ?? `${prefix} line ${i + 1}`);
}

const XSS = '<img src=x onerror="alert(1)"> quokka <b>not bold</b>';

let reader: WatchedPage;

const panel = (page: Page) => page.locator('.search-panel');
const results = (page: Page) => panel(page).getByRole('list', { name: 'Search results' }).getByRole('button');
const field = (page: Page) => page.getByRole('searchbox', { name: 'Search messages' });

/** Opens the panel from the top bar and searches for `query`. */
async function search(page: Page, query: string): Promise<void> {
  if (!(await panel(page).isVisible()))
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  await field(page).fill(query);
  await field(page).press('Enter');
}

beforeAll(async () => {
  const bot = await openPage(env.browser, `${env.server.httpUrl}/healthz`);
  // An early word in #alpha, far before the latest page the room opens with; a later one in #beta.
  const seed = (room: string, texts: string[]) => sayRaw(bot.page, env.server.wsUrl, 'seeder', room, texts);
  await seed('alpha', lines('alpha', 300, { 7: 'kickoff: the quokka budget' }));
  await seed('beta', lines('beta', 200, { 120: XSS }));
  await bot.context.close();
  reader = await openPage(env.browser, `${env.server.httpUrl}/?room=beta&name=reader`);
  await reader.page.locator('.chat').waitFor();
  await messageRows(reader.page).filter({ hasText: 'beta line 200' }).waitFor();
}, 60_000); // five hundred lines to store on a busy machine

describe('the search box', () => {
  it('finds an early message in a room not joined, marks the match, and loads on first use', async () => {
    const { page } = reader;
    await search(page, 'quokka in:#alpha');
    await expect.poll(() => results(page).count()).toBe(1);
    const hit = results(page).first();
    expect(await hit.locator('.hit-where').textContent()).toBe('#alpha');
    expect(await hit.locator('.nick').textContent()).toBe('seeder');
    expect(await hit.locator('mark').allTextContents()).toEqual(['quokka']);
    expect(await hit.locator('.hit-text').textContent()).toBe('kickoff: the quokka budget');
    await expect
      .poll(() => panel(page).locator('.search-status').textContent())
      .toBe('1 result, newest first');
    await page.screenshot({ path: `${RESULTS_DIR}search-results.png` });

    // The panel came as a file of its own, served as a script under the page's policy.
    const chunk = await page.evaluate(
      () => performance.getEntriesByType('resource').find((e) => e.name.includes('/chunks/search-'))?.name,
    );
    expect(chunk).toMatch(/\/chunks\/search-[0-9a-f]{8}\.js$/);
    const response = await fetch(chunk!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('jumps to the result: joins the room, loads the lines around it, scrolls to it and marks it', async () => {
    const { page } = reader;
    await field(page).press('ArrowDown');
    await expect
      .poll(() =>
        results(page)
          .first()
          .evaluate((b) => b === document.activeElement),
      )
      .toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('.topbar .title').textContent()).toBe('#alpha');
    const found = page.locator('.messages li.msg.found');
    await expect.poll(() => found.locator('.body').textContent()).toBe('kickoff: the quokka budget');
    await expect.poll(() => found.evaluate((row) => row === document.activeElement)).toBe(true);
    expect(await panel(page).isHidden()).toBe(true);
    // The lines before and after it are there and on screen around it, from one request.
    await expect
      .poll(() => visibleRows(page))
      .toEqual(expect.arrayContaining(['alpha line 6', 'alpha line 8']));
    const rows = await messageRows(page).locator('.body').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(['alpha line 1', 'alpha line 17', 'alpha line 300']));
    await page.screenshot({ path: `${RESULTS_DIR}search-jump.png` });
  });

  it('fills the gap below as the reader reads on, and leads back to the latest messages', async () => {
    const { page } = reader;
    // Reading down from the result reaches the lines not loaded yet: they come, in order.
    await expect
      .poll(async () => {
        await scroller(page).evaluate((el) => el.scrollBy({ top: el.clientHeight / 2 }));
        return messageRows(page).locator('.body').allTextContents();
      })
      .toEqual(expect.arrayContaining(['alpha line 18', 'alpha line 60']));
    const latest = page.getByRole('button', { name: 'Latest messages ↓' });
    await expect.poll(() => latest.isVisible()).toBe(true);
    await latest.click();
    await expect.poll(() => visibleRows(page)).toContain('alpha line 300');
  });

  it('closes with Escape and gives focus back to where it was', async () => {
    const { page } = reader;
    const composer = page.locator('#composer-input');
    await composer.focus();
    await page.keyboard.press('Control+k');
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await expect.poll(() => field(page).evaluate((f) => f === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).isHidden()).toBe(true);
    await expect.poll(() => composer.evaluate((c) => c === document.activeElement)).toBe(true);
    expect(await page.locator('.topbar .title').textContent()).toBe('#alpha');
  });

  it('says what is wrong with a query the server refuses, and when nothing matches', async () => {
    const { page } = reader;
    await search(page, 'color:red');
    const error = panel(page).locator('.search-error[role="alert"]');
    await expect.poll(() => error.textContent()).toMatch(/^Cannot search: unknown filter "color:"/);
    expect(await field(page).getAttribute('aria-invalid')).toBe('true');
    expect(await results(page).count()).toBe(0);
    await search(page, 'wombat');
    await expect
      .poll(() => panel(page).locator('.search-status').textContent())
      .toBe('No messages match wombat.');
    expect(await error.textContent()).toBe('');
  });

  it('opens from /search in the composer, newest first across rooms, remote markup as text', async () => {
    const { page } = reader;
    await page.keyboard.press('Escape');
    await say(page, '/search quokka');
    await expect.poll(() => results(page).count()).toBe(2);
    expect(await field(page).inputValue()).toBe('quokka');
    expect(await results(page).locator('.hit-where').allTextContents()).toEqual(['#beta', '#alpha']);
    expect(await results(page).first().locator('.hit-text').textContent()).toBe(XSS);
    expect(await panel(page).locator('img, script, b').count()).toBe(0);
  });

  it('pages on at the end of the list with the cursor of the last page', async () => {
    const { page } = reader;
    await search(page, 'line in:#alpha');
    await expect.poll(() => results(page).count()).toBe(50);
    await expect
      .poll(() => panel(page).locator('.search-status').textContent())
      .toBe('50+ results, newest first');
    expect(await results(page).first().locator('.hit-text').textContent()).toBe('alpha line 300');
    await expect
      .poll(async () => {
        await panel(page)
          .locator('.search-scroll')
          .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
        return results(page).count();
      })
      .toBeGreaterThanOrEqual(100);
    const texts = await results(page).locator('.hit-text').allTextContents();
    expect(texts.slice(48, 52)).toEqual([
      'alpha line 252',
      'alpha line 251',
      'alpha line 250',
      'alpha line 249',
    ]);
    reader.expectClean();
  });

  it('marks a registered sender, finds direct messages, and jumps into the conversation', async () => {
    const { page } = reader;
    const olivia = await openPage(env.browser, `${env.server.httpUrl}/?room=beta`);
    await olivia.page.getByRole('radio', { name: 'Sign up' }).check();
    await olivia.page.getByLabel('Your name').fill('olivia');
    await olivia.page.getByLabel('Password').fill('correct horse battery');
    await olivia.page.getByRole('button', { name: 'Create account and join', exact: true }).click();
    await olivia.page.locator('.chat').waitFor();
    await say(olivia.page, 'a wallaby from an account');
    await say(olivia.page, '/msg reader a wallaby by direct message');
    await messageRows(olivia.page).filter({ hasText: 'a wallaby by direct message' }).waitFor();

    await search(page, 'wallaby');
    await expect.poll(() => results(page).count()).toBe(2);
    expect(await results(page).locator('.hit-where').allTextContents()).toEqual(['@olivia', '#beta']);
    expect(await results(page).locator('.registered').count()).toBe(2);
    await results(page).first().click();
    await expect.poll(() => page.locator('.topbar .title').textContent()).toBe('@olivia');
    await expect
      .poll(() => page.locator('.messages li.msg.found .body').textContent())
      .toBe('a wallaby by direct message');
    // The whole conversation is on screen: nothing to lead back to.
    expect(await page.getByRole('button', { name: 'Latest messages ↓' }).isVisible()).toBe(false);
    olivia.expectClean();
    await olivia.context.close();
  });

  it('fits a narrow window, results and jump alike, with no sideways scrolling', async () => {
    for (const width of [600, 375]) {
      const narrow = await openPage(env.browser, `${env.server.httpUrl}/?room=beta&name=narrow${width}`, {
        width,
        height: 720,
      });
      const { page } = narrow;
      await page.locator('.chat').waitFor();
      await search(page, 'quokka');
      await expect.poll(() => results(page).count()).toBe(1);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${RESULTS_DIR}search-results-${width}.png` });
      await results(page).first().click();
      await expect.poll(() => page.locator('.messages li.msg.found .body').textContent()).toBe(XSS);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${RESULTS_DIR}search-jump-${width}.png` });
      narrow.expectClean();
      await narrow.context.close();
    }
  });
});
