// Shared by the browser tests: Debian's Chromium driven by playwright-core, the real aurora-server
// serving this package's build, and pages that fail the test on any script error or CSP violation.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SERVER_BIN, type ServerProcess, type ServerProcessOptions, startServer } from 'aurora-testkit';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';

// A page reacts within milliseconds, but two cores shared by a browser, servers and the rest of the
// suite can stall it for seconds: polls wait up to 10 s instead of vitest's default 1 s.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

/** The built client that the server is pointed at (`pnpm --filter aurora-web build`). */
export const WEB_ROOT = fileURLToPath(new URL('../dist/', import.meta.url));
/** Where screenshots go; ignored by git. */
export const RESULTS_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));
/** The system browser; `.ci/run` installs Debian's `chromium` package. Never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';

/** Fails early with the command that fixes a missing prerequisite, instead of a confusing timeout. */
export function requireBuilds(): void {
  const missing = [
    [CHROMIUM, 'apt-get install -y chromium'],
    [SERVER_BIN, 'pnpm --filter aurora-server build'],
    [`${WEB_ROOT}index.html`, 'pnpm --filter aurora-web build'],
  ].filter(([path]) => !existsSync(path!));
  if (missing.length > 0)
    throw new Error(`browser tests need: ${missing.map(([path, fix]) => `${path} (${fix})`).join(', ')}`);
}

/** Launches headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  requireBuilds();
  await mkdir(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Starts aurora-server serving the built client. */
export function startWebServer(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  return startServer({ memory: true, ...options, args: ['--web-root', WEB_ROOT, ...(options.args ?? [])] });
}

/** The browser and server a test file shares; set once its `beforeAll` has run. */
export interface Suite {
  readonly browser: Browser;
  readonly server: ServerProcess;
}

/** Starts one browser and one server for the test file that calls this, and stops them after it. */
export function useBrowserAndServer(options: ServerProcessOptions = {}): Suite {
  const suite = {} as { browser: Browser; server: ServerProcess };
  beforeAll(async () => {
    [suite.browser, suite.server] = await Promise.all([launchBrowser(), startWebServer(options)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** A page plus everything that went wrong in it. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Script errors, console errors, CSP violations and dialogs (alert, confirm) seen so far. */
  readonly problems: string[];
  /** Fails the test if anything went wrong that does not match one of `allowed`. */
  expectClean(allowed?: readonly RegExp[]): void;
}

/**
 * Opens a page in its own browser context (its own storage), watching for problems. `prepare` sets
 * the context up before the page loads (permissions, init scripts).
 */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  await prepare?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Init scripts are injected by the browser, outside the page's CSP; they record what the page's own
  // scripts must never do.
  await page.addInitScript(() => {
    const record = (text: string) => console.error(text);
    document.addEventListener('securitypolicyviolation', (event) =>
      record(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
    );
    window.alert = (text?: unknown) => record(`alert called: ${String(text)}`);
  });
  await page.goto(url);
  return {
    page,
    context,
    problems,
    expectClean(allowed = []) {
      const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
      if (unexpected.length > 0) throw new Error(`problems in the page:\n${unexpected.join('\n')}`);
    },
  };
}

/** Joins from the join screen, as a person would. */
export async function joinAs(page: Page, name: string, room?: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  if (room !== undefined) await page.getByLabel('Room', { exact: true }).fill(room);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.locator('.chat').waitFor({ state: 'visible' });
}

/** Types a line into the composer and presses Enter. */
export async function say(page: Page, text: string): Promise<void> {
  const composer = page.locator('#composer-input');
  await composer.fill(text);
  await composer.press('Enter');
}

/** The rows of stored messages on screen, as text. */
export function messageRows(page: Page) {
  return page.locator('.messages li.msg:not(.pending)');
}

/** The message list element that scrolls. */
export function scroller(page: Page) {
  return page.locator('.scroller');
}

/**
 * Says `texts` in `room` over a raw WebSocket opened inside `page` (any page of the server's origin,
 * such as `/healthz`, whose console is not watched: the browser's favicon request there is a 404),
 * resolving when the server has acknowledged every one and the socket is closed. For seeding history
 * quickly: a hundred at a time on one socket (the server closes a socket with more than 256 requests
 * waiting). The name of an earlier call may still be held for a moment after its socket closed, so a
 * `name_taken` refusal is retried until a deadline.
 */
export async function sayRaw(
  page: Page,
  wsUrl: string,
  nick: string,
  room: string,
  texts: string[],
): Promise<void> {
  await page.evaluate(
    async ({ wsUrl, nick, room, texts, perWindow }) => {
      // A cid is unique per sender: reusing one would be taken as a retry of the earlier message.
      const batch = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      const attempt = () =>
        new Promise<'done' | 'name_taken'>((resolve, reject) => {
          const socket = new WebSocket(wsUrl);
          const acked = new Set<string>();
          let sent = 0;
          let outcome: 'done' | 'name_taken' | undefined;
          const sendWindow = () => {
            const end = Math.min(texts.length, sent + perWindow);
            for (; sent < end; sent++)
              socket.send(
                JSON.stringify({ type: 'say', room, text: texts[sent], cid: `raw-${batch}-${sent}` }),
              );
          };
          socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', v: 1, nick, rooms: [room] }));
          socket.onerror = () => reject(new Error('raw socket failed'));
          socket.onclose = () => (outcome ? resolve(outcome) : reject(new Error('raw socket closed early')));
          socket.onmessage = (event: MessageEvent<string>) => {
            const frame = JSON.parse(event.data) as {
              type: string;
              cid?: string;
              code?: string;
              message?: string;
            };
            if (frame.type === 'error' && frame.code === 'name_taken' && sent === 0) {
              outcome = 'name_taken';
              socket.close(1000);
            } else if (frame.type === 'error') reject(new Error(`server refused: ${frame.message}`));
            if (frame.type === 'joined' && sent === 0) sendWindow();
            if (frame.type === 'ack' && frame.cid) {
              acked.add(frame.cid);
              if (acked.size === sent && sent < texts.length) sendWindow();
            }
            if (acked.size === texts.length && !outcome) {
              outcome = 'done';
              socket.close(1000);
            }
          };
        });
      const deadline = Date.now() + 10_000;
      while ((await attempt()) === 'name_taken') {
        if (Date.now() > deadline) throw new Error(`server refused: the name ${nick} stayed taken`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    { wsUrl, nick, room, texts, perWindow: 100 },
  );
}

/** The body texts of the message rows on screen in the list, top to bottom. */
export function visibleRows(page: Page) {
  return scroller(page).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return [...element.querySelectorAll('.messages > li.msg')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.bottom > box.top && r.top < box.bottom;
      })
      .map((row) => row.querySelector('.body')?.textContent ?? '');
  });
}
