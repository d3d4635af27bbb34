import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { messageRows, openPage, sayRaw, scroller, useBrowserAndServer, type WatchedPage } from './harness.js';

// A generous rate limit lets the test seed a long history quickly.
const env = useBrowserAndServer({ args: ['--rate', '1000', '--burst', '1000'] });

let reader: WatchedPage;
let bot: WatchedPage;

const numbered = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix} ${from + i}`);

/**
 * The first message row showing at the top of the list and how far below the top edge it starts
 * (px), read in the same task as an optional scroll to `scrollTo`, before the page can react to it.
 */
function topRow(page: Page, scrollTo?: number) {
  return scroller(page).evaluate((element, top) => {
    if (top !== undefined) element.scrollTo({ top });
    const edge = element.getBoundingClientRect().top;
    for (const row of element.querySelectorAll('.messages > li.msg')) {
      const box = row.getBoundingClientRect();
      if (box.bottom > edge) return { text: row.textContent ?? '', offset: Math.round(box.top - edge) };
    }
    return undefined;
  }, scrollTo);
}

/** How far below the top edge of the list the row with exactly `text` starts (px). */
function offsetOf(page: Page, text: string) {
  return scroller(page).evaluate((element, wanted) => {
    const row = [...element.querySelectorAll('.messages > li.msg')].find((r) => r.textContent === wanted);
    return row
      ? Math.round(row.getBoundingClientRect().top - element.getBoundingClientRect().top)
      : undefined;
  }, text);
}

/** Pixels between the bottom of the visible area and the end of the list. */
function distanceFromBottom(page: Page) {
  return scroller(page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

beforeAll(async () => {
  bot = await openPage(env.browser, `${env.server.httpUrl}/healthz`);
  await sayRaw(bot.page, env.server.wsUrl, 'seeder', 'history', numbered('message', 1, 120));
  reader = await openPage(env.browser, `${env.server.httpUrl}/?room=history&name=reader`, {
    width: 1280,
    height: 700,
  });
  await reader.page.locator('.chat').waitFor();
});

describe('the message list', () => {
  it('opens at the newest message, with only the latest page loaded', async () => {
    await messageRows(reader.page).filter({ hasText: 'message 120' }).waitFor();
    // The latest page of 50 stored entries: the newest messages, not all 120 (notices are some of the 50).
    const shown = (await messageRows(reader.page).allTextContents()).flatMap((text) => {
      const number = /message (\d+)/.exec(text)?.[1];
      return number === undefined ? [] : [Number(number)];
    });
    expect(Math.max(...shown)).toBe(120);
    expect(shown.length).toBeGreaterThan(45);
    expect(shown.length).toBeLessThanOrEqual(50);
    expect(shown).toEqual(shown.toSorted((a, b) => a - b));
    await expect.poll(() => distanceFromBottom(reader.page)).toBeLessThanOrEqual(2);
  });

  it('follows new messages while the reader is at the bottom', async () => {
    await sayRaw(bot.page, env.server.wsUrl, 'seeder', 'history', ['live 1']);
    await messageRows(reader.page).filter({ hasText: 'live 1' }).waitFor();
    await expect.poll(() => distanceFromBottom(reader.page)).toBeLessThanOrEqual(2);
    await expect.poll(() => reader.page.locator('.jump').isHidden()).toBe(true);
  });

  it('loads older history at the top without moving what the reader is looking at', async () => {
    const before = await topRow(reader.page, 0);
    expect(before?.text).toMatch(/message \d+$/);
    await expect.poll(() => messageRows(reader.page).count()).toBeGreaterThan(60);
    // The row that was at the top is still exactly there; the older ones went in above it.
    await expect.poll(() => offsetOf(reader.page, before!.text)).toBe(before!.offset);
    // Going on up reaches the first message and says so.
    await expect
      .poll(async () => {
        await scroller(reader.page).evaluate((el) => el.scrollTo({ top: 0 }));
        return reader.page.locator('.history-edge').textContent();
      })
      .toBe('This is the start of #history.');
    await expect
      .poll(() =>
        messageRows(reader.page)
          .filter({ hasText: /message 1$/ })
          .count(),
      )
      .toBe(1);
  });

  it('never moves while the reader reads older messages, and offers a button to the new ones', async () => {
    await messageRows(reader.page)
      .filter({ hasText: /message 60$/ })
      .scrollIntoViewIfNeeded();
    await scroller(reader.page).evaluate((el) => el.scrollBy({ top: -150 }));
    const before = await topRow(reader.page);
    const scrollTop = await scroller(reader.page).evaluate((el) => el.scrollTop);
    await sayRaw(bot.page, env.server.wsUrl, 'seeder', 'history', numbered('late', 1, 3));
    const jump = reader.page.locator('.jump');
    await expect.poll(() => jump.textContent()).toBe('3 new messages ↓');
    await expect.poll(() => jump.isVisible()).toBe(true);
    expect(await topRow(reader.page)).toEqual(before);
    expect(await scroller(reader.page).evaluate((el) => el.scrollTop)).toBe(scrollTop);

    await jump.click();
    await expect.poll(() => distanceFromBottom(reader.page)).toBeLessThanOrEqual(2);
    await expect.poll(() => messageRows(reader.page).filter({ hasText: 'late 3' }).isVisible()).toBe(true);
    await expect.poll(() => jump.isHidden()).toBe(true);
    reader.expectClean();
  });
});
