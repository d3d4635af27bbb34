import { describe, expect, it } from 'vitest';
import { joinAs, messageRows, openPage, say, sayRaw, useBrowserAndServer } from './harness.js';

const env = useBrowserAndServer();

describe('the page', () => {
  it('is served with a strict Content-Security-Policy, nosniff and no referrer', async () => {
    const response = await fetch(`${env.server.httpUrl}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    // No inline script or style that the policy would have to allow.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });

  it('serves its script and stylesheet with their real types', async () => {
    const [js, css] = await Promise.all([
      fetch(`${env.server.httpUrl}/app.js`),
      fetch(`${env.server.httpUrl}/app.css`),
    ]);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('the download', () => {
  it('arrives compressed from the build, works, and costs a 304 on a reload', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const seen: { path: string; status: number; encoding: string | undefined }[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (/\.(js|css)$/.test(path))
        seen.push({ path, status: response.status(), encoding: response.headers()['content-encoding'] });
    });
    await page.goto(`${env.server.httpUrl}/?room=dev`);
    await joinAs(page, 'zoe');
    await say(page, 'sent by a compressed page');
    await expect
      .poll(() => messageRows(page).allTextContents())
      .toContainEqual(expect.stringContaining('sent by a compressed page'));
    expect(seen.filter(({ path }) => path === '/app.js' || path === '/app.css')).toEqual([
      expect.objectContaining({ status: 200, encoding: 'br' }),
      expect.objectContaining({ status: 200, encoding: 'br' }),
    ]);
    seen.length = 0;
    await page.reload();
    await expect.poll(() => seen.find(({ path }) => path === '/app.js')?.status).toBe(304);
    await context.close();
  });
});

describe('remote text', () => {
  const payloads = [
    '[click me](javascript:alert(1))',
    '<img src=x onerror="alert(2)">',
    '<script>alert(3)</script>',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)',
    '**<b>not bold html</b>** and https://example.com/safe',
  ];

  it('renders markup and script URLs as text, runs nothing, and links only http(s) and mailto', async () => {
    const reader = await openPage(env.browser, `${env.server.httpUrl}/?room=xss&name=reader`);
    await reader.page.locator('.chat').waitFor();
    const attacker = await openPage(env.browser, `${env.server.httpUrl}/healthz`);
    // A name with markup cannot be a nick (the server refuses it), so it arrives in what can carry it.
    await sayRaw(attacker.page, env.server.wsUrl, 'mallory', 'xss', payloads);
    await say(reader.page, '/topic <img src=x onerror=alert(5)> <b>topic</b>');
    await say(reader.page, '/away <img src=x onerror=alert(6)>');

    for (const payload of payloads.slice(1, 3))
      await messageRows(reader.page).filter({ hasText: payload }).first().waitFor();
    const link = reader.page.locator('.messages a');
    await expect.poll(() => link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe('https://example.com/safe');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    await expect
      .poll(() => messageRows(reader.page).filter({ hasText: '[click me](javascript:alert(1))' }).count())
      .toBe(1);
    await expect
      .poll(() => reader.page.locator('.topbar .topic').textContent())
      .toBe('<img src=x onerror=alert(5)> <b>topic</b>');
    await expect
      .poll(() => reader.page.locator('.away-status').textContent())
      .toBe('away: <img src=x onerror=alert(6)>');
    // Nothing from the payloads became an element, and nothing ran.
    expect(await reader.page.locator('#app img, #app script, #app b, #app iframe').count()).toBe(0);
    expect(await reader.page.locator('[onerror]').count()).toBe(0);
    await reader.page.waitForTimeout(200);
    reader.expectClean();
    await Promise.all([reader.context.close(), attacker.context.close()]);
  });

  it('shows a sender name with markup characters as text', async () => {
    // The protocol allows "." "_" and "-" in names but no markup, so the worst a name can do is look odd.
    const reader = await openPage(env.browser, `${env.server.httpUrl}/?room=names2&name=reader2`);
    await reader.page.locator('.chat').waitFor();
    const other = await openPage(env.browser, `${env.server.httpUrl}/healthz`);
    await sayRaw(other.page, env.server.wsUrl, '_.-x-._', 'names2', ['hi']);
    const row = messageRows(reader.page).filter({ hasText: 'hi' });
    await row.waitFor();
    expect(await row.locator('.nick').textContent()).toBe('_.-x-._');
    reader.expectClean();
    await Promise.all([reader.context.close(), other.context.close()]);
  });
});
