import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, RESULTS_DIR, say, sayRaw, useBrowserAndServer, type WatchedPage } from './harness.js';

// Notification preferences and desktop notifications in the browser (#21), through a real server:
// an account's room menu sends the same frames as /mute, the server answers with `prefs`, and the
// page decides notifications by the engine's rule.

const env = useBrowserAndServer();
const PASSWORD = 'correct horse battery';

/** What the page did with the Notifications API, as the spy below records it. */
interface NotificationLog {
  readonly asked: number;
  readonly made: { title: string; body: string; tag: string }[];
}

/**
 * Grants notifications to the server's origin and replaces `window.Notification` with a spy that
 * counts permission requests and records every notification instead of showing it.
 */
async function spyOnNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications'], { origin: env.server.httpUrl });
  await context.addInitScript(() => {
    const real = window.Notification;
    const log = { asked: 0, made: [] as { title: string; body: string; tag: string; click(): void }[] };
    class SpyNotification extends EventTarget {
      static get permission(): NotificationPermission {
        return real?.permission ?? 'denied';
      }
      static requestPermission(): Promise<NotificationPermission> {
        log.asked++;
        return real ? real.requestPermission() : Promise.resolve('denied');
      }
      onclick: ((event: Event) => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        super();
        log.made.push({
          title,
          body: options.body ?? '',
          tag: options.tag ?? '',
          click: () => this.onclick?.(new Event('click')),
        });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: SpyNotification, configurable: true });
    Object.defineProperty(window, '__notifications', { value: log });
  });
}

const notifications = (page: Page) =>
  page.evaluate(() => {
    const log = (window as unknown as { __notifications: NotificationLog }).__notifications;
    return { asked: log.asked, made: log.made.map(({ title, body, tag }) => ({ title, body, tag })) };
  });
const row = (page: Page, name: string) => page.locator('.targets li').filter({ hasText: name });
const badge = (page: Page, name: string) => row(page, name).locator('.badge').textContent();

let alice: WatchedPage;
let bob: WatchedPage;
/** bob says `texts` in #ops from his own socket, as another client would. */
const bobSays = (...texts: string[]) => sayRaw(bob.page, env.server.wsUrl, 'bob', 'ops', texts);

beforeAll(async () => {
  bob = await openPage(env.browser, `${env.server.httpUrl}/healthz`);
  alice = await openPage(env.browser, `${env.server.httpUrl}/?room=lobby`, undefined, spyOnNotifications);
  const { page } = alice;
  await page.getByRole('radio', { name: 'Sign up' }).check();
  await page.getByLabel('Your name').fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account and join', exact: true }).click();
  await page.locator('.chat').waitFor({ state: 'visible' });
  await say(page, '/join ops');
  await row(page, '#ops').waitFor();
  // #lobby on screen, #ops behind it: the room that notifies.
  await row(page, '#lobby').locator('button.target').click();
  await page.locator('h1.title', { hasText: /^#lobby$/ }).waitFor();
});

afterAll(async () => {
  await bob?.context.close();
});

describe('desktop notifications', () => {
  it('asks for permission only when the person clicks Enable notifications', async () => {
    const { page } = alice;
    await bobSays('alice: before you said yes');
    await expect.poll(() => badge(page, '#ops')).toBe('1!');
    expect(await notifications(page)).toEqual({ asked: 0, made: [] });
    await page.getByRole('button', { name: 'Enable notifications' }).click();
    await expect.poll(async () => (await notifications(page)).asked).toBe(1);
    await page.getByRole('button', { name: 'Turn off notifications' }).waitFor();
    expect((await notifications(page)).made).toEqual([]);
  });

  it('notifies a mention from another client exactly once, and opens its room on click', async () => {
    const { page } = alice;
    await bobSays('alice: the \u202edeploy\u202c is out');
    await expect.poll(async () => (await notifications(page)).made.length).toBe(1);
    // A message that is not a mention arrives after it, and brings no second notification.
    await bobSays('lunch anyone?');
    await expect.poll(() => badge(page, '#ops')).toBe('3!');
    expect((await notifications(page)).made).toEqual([
      { title: 'bob in #ops', body: 'alice: the deploy is out', tag: 'aurora:ops' },
    ]);
    await page.evaluate(() =>
      (
        window as unknown as { __notifications: { made: { click(): void }[] } }
      ).__notifications.made[0]?.click(),
    );
    await expect.poll(() => page.locator('h1.title').textContent()).toBe('#ops');
    await row(page, '#lobby').locator('button.target').click();
    await expect.poll(() => page.locator('h1.title').textContent()).toBe('#lobby');
  });

  it('mutes a room from its menu with the keyboard, shows it in the list, and stays quiet there', async () => {
    const { page } = alice;
    const menuButton = page.getByRole('button', { name: 'Notifications for #ops' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Notifications for #ops' });
    await menu.waitFor();
    await expect.poll(() => menuButton.getAttribute('aria-expanded')).toBe('true');
    // Focus starts on the first choice; the checked level is the default one.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Every message');
    expect(await menu.getByRole('menuitemradio', { checked: true }).textContent()).toBe('Mentions only');
    await page.screenshot({ path: `${RESULTS_DIR}room-menu-1280.png` });
    // Escape closes it and gives focus back to its button.
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    expect(await menuButton.evaluate((button) => button === document.activeElement)).toBe(true);
    // Again: End reaches the last choice, "Mute until unmuted"; Enter chooses it.
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await page.keyboard.press('End');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Mute until unmuted');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    expect(await menuButton.evaluate((button) => button === document.activeElement)).toBe(true);
    // The server sends the account's preferences back; the list shows the mute.
    await expect.poll(() => row(page, '#ops').locator('.muted-mark').isVisible()).toBe(true);
    // (The notification's click opened #ops, which read it.)
    expect(await row(page, '#ops').locator('button.target').getAttribute('aria-label')).toBe('#ops, muted');
    // The menu now says so, and offers Unmute.
    await menuButton.click();
    await expect(menu.getAttribute('aria-label')).resolves.toBe(
      'Notifications for #ops, muted until unmuted',
    );
    await menu.getByRole('menuitem', { name: 'Unmute', exact: true }).waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}room-menu-muted-1280.png` });
    await page.keyboard.press('Escape');

    const before = (await notifications(page)).made.length;
    await bobSays('alice: are you there?');
    // Counted as unread, never marked with !, and no notification.
    await expect.poll(() => badge(page, '#ops')).toBe('1');
    await bobSays('alice: hello?');
    await expect.poll(() => badge(page, '#ops')).toBe('2');
    expect((await notifications(page)).made.length).toBe(before);
  });

  it('takes /unmute typed in the conversation, and notifies again', async () => {
    const { page } = alice;
    await row(page, '#ops').locator('button.target').click();
    await say(page, '/unmute');
    await expect.poll(() => row(page, '#ops').locator('.muted-mark').isVisible()).toBe(false);
    await row(page, '#lobby').locator('button.target').click();
    await bobSays('alice: welcome back');
    await expect.poll(async () => (await notifications(page)).made.length).toBe(2);
    alice.expectClean();
  });

  it('shows the menu inside the drawer on a phone', async () => {
    const phone = await openPage(env.browser, `${env.server.httpUrl}/?room=lobby&name=phone`, {
      width: 375,
      height: 740,
    });
    const { page } = phone;
    await page.locator('.chat').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Rooms' }).click();
    await page.getByRole('button', { name: 'Notifications for #lobby' }).click();
    const menu = page.getByRole('menu', { name: 'Notifications for #lobby' });
    await menu.waitFor();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await page.screenshot({ path: `${RESULTS_DIR}room-menu-375.png` });
    // A guest keeps its settings in this browser: a mute survives a reload.
    await page.getByRole('menuitem', { name: 'Mute for 1 hour' }).click();
    await expect.poll(() => row(page, '#lobby').locator('.muted-mark').isVisible()).toBe(true);
    await page.reload();
    await page.getByLabel('Your name').fill('phone');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await page.locator('.chat').waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Rooms' }).click();
    await expect.poll(() => row(page, '#lobby').locator('.muted-mark').isVisible()).toBe(true);
    phone.expectClean();
    await phone.context.close();
  });
});
