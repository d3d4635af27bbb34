// Bundles the browser client into dist/ (index.html, app.js, app.css, favicon.svg, and chunks/ for
// what the page loads on first use) with esbuild; aurora-server serves that folder. Fails when app.js
// grows past its gzipped budget.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * Issue #17's budget for the page's JavaScript, gzipped: at most 10% over the 23.7 KiB the page
 * weighed before it ran on aurora-client, since every visitor downloads it before the chat opens.
 */
const BUDGET_GZIPPED_JS = Math.floor(23.7 * 1024 * 1.1);
/**
 * The size the build refuses to pass while app.js is still over BUDGET_GZIPPED_JS: what it weighs
 * today plus about 100 bytes, so nothing grows unnoticed. A feature that must be in the first load
 * raises it (its commit says by how much and why; parts used now and then load on first use from
 * chunks/ instead); each saving lowers it; it goes (fail at the budget) once app.js is under the budget.
 */
// Issue #18 raised it by 2,158 bytes, exactly what moderation added to the first load (33,922 ->
// 36,080 gzipped): the moderation frames' schemas and error codes, the engine's moderation commands
// and their /help lines, role marks in the member list, and the kick, ban and role notices.
// Account management raised it by 215 bytes (36,523 with it): the password and delete_account frames'
// schemas, the /password entry of the command table and the two notices' texts.
// Issue #23 raised it by 311 bytes (36,834 with it): coalesced join and leave notices and big
// rooms' member counts in the browser's reducer, the presence and members-paging schemas.
// Issue #19 raised it by about 1,700 bytes (app.js from about 34,050 to 35,755 on its own branch): the
// lifecycle frames and message fields, their error codes and limits, applyMessageEvent, the four new
// commands in the engine's table, drawing edited, deleted, reacted and reply messages, and the
// hover/focus action menu.
// The admin's password reset raised it by 98 bytes (38,763 with it): the reset_password frame's
// schema and the engine's resetPassword request, which the page's engine carries like log-ins.
// Issue #19's last parts raised it by 628 bytes (39,391 with it): the reaction shortcodes, so that
// `/react N :+1:` takes off a 👍, /reactions N, /goto N, and the reply quote that goes
// to the message it answers.
// Issue #18 part 3 raised it by 1,531 bytes (38,700 -> 40,231): room settings' frames and schemas
// (mode, invites, join passwords, the new roles and actions), five error codes, the engine's /mode
// letters and their words, six new commands with their /help lines, and the mode and invites notices.
// Issue #17 (the browser on the engine's ChatState): the page took the engine's whole reducer
// (account, moderation and digest notices, transcript budget, item list) in place of its own smaller
// copy, 38,665 -> 42,549; then the command table, its parser and what each command does moved to
// chunks/commands-*.js, loaded on the first line starting with `/` (plain lines need none of it):
// 42,549 -> 37,681 (37,726 with the page's transcript budget). The app root built from injected
// parts (web-app.ts, core/page-session.ts: testable in node) costs 208 bytes of names and
// indirection; writing requests moved to the commands chunk: 37,934. "While you were away" (the
// engine's awayDigest, which the page did not show) is chunks/digest-*.js, loaded when there is one,
// and the join screen's sentences for a failed join are chunks/join-errors-*.js: 37,785; the
// engine's bound on open targets, which the page sets to 100 as it did before: 37,857.
// Merged with the three above (the password reset, #19's last parts, room settings): 38,920.
// The browser's /password (its dialog is chunks/account-*.js; the page keeps the command's plan, the
// hook and the loader): 39,036. Room settings' later work (voice marks, /mode and /join help): 39,051.
// Issue #23's big rooms: /who pages a big room's names in the engine (member-pages.ts), 39,262.
// A sign-up hands the preferences this browser kept as a guest to the new account, as the terminal's
// /register does (reading them at the join screen, and the engine's handedOverPrefs): 39,395.
// The engine's notices may be rows of a two-column list (ListTerm, for the terminal's /help): 39,412.
// Lines typed after a session ended are held in the engine's chat state and say why (held-lines.ts;
// the page shows its join screen then, but the reducer is the engine's one), and a password typed
// on a command leaves the composer (page-session's Refusal): 39,899, +487, the ceiling with it.
// The top bar names a room's settings (moderated, invite-only, private, password) from `joined` and
// the `mode` notices, so a newcomer sees them before speaking: 40,091, +184.
// The engine's command parsers split by group (chunks/commands-*.js, not app.js) change only the
// chunk's hash that app.js names: 40,092, +1.
// The engine takes a room's settings changes from joined's history too, and held lines' notes follow
// a second refusal: 40,113, +21.
// A line with spaces before its `/` goes through the parser (chunk) too, so a password on it is
// refused rather than posted: 40,118, +5.
// The connection remembers which account each waiting line was typed as, so a line typed as alice
// fails instead of going out as bob when bob signs in next (line-owners.ts): 40,362, +244.
const CEILING_GZIPPED_JS = 40_362;

const here = (path) => new URL(path, import.meta.url).pathname;
const outdir = here('./dist/');
await rm(outdir, { recursive: true, force: true });
await mkdir(here('./dist/chunks/'), { recursive: true });
const options = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022', 'chrome111', 'firefox115', 'safari16'],
  // esbuild's data does not credit these browsers with every `\p{…}` property name, so it rewrites
  // such regex literals as `new RegExp(…)` calls, which it must then keep even when unused (valibot's
  // emoji pattern, about 0.5 KiB). Every target has had `\p{…}` with the `u` flag since 2020, and the
  // properties the page's own patterns use (L, M, N, Z, Cc; scx Latin, Common, Inherited) are ES2018's.
  // A pattern naming a newer property (a script added since) must be a `new RegExp` in a try, as
  // mixed-script.ts builds its script tests: as a literal it would stop the page parsing in an older browser.
  supported: { 'regexp-unicode-property-escapes': true },
  conditions: ['@aurora/source'],
  legalComments: 'none',
  logLevel: 'warning',
};

// Parts of the page used now and then (src/search/, src/help/, src/attention/, src/commands/, src/digest/, src/join-errors/, src/account/) are bundles of their own, which
// main.ts loads with `import()` on first use. Not esbuild's code splitting: that would move every
// module such a part shares with the page (the DOM helper, names, colours) into a chunk that app.js
// must load before it starts. Each part keeps its own copy of the few stateless modules it uses; what
// must be one (the store, the chat screen, the connection) the page hands it. Each file is named by
// its content, so a page never loads another build's.
const chunks = new Map();
for (const part of ['search', 'help', 'attention', 'commands', 'digest', 'join-errors', 'account']) {
  const { outputFiles } = await build({
    ...options,
    entryPoints: [here(`./src/${part}/index.ts`)],
    write: false,
    outdir,
  });
  const code = outputFiles[0].contents;
  const file = `chunks/${part}-${createHash('sha256').update(code).digest('hex').slice(0, 8)}.js`;
  await writeFile(here(`./dist/${file}`), code);
  chunks.set(part, { file, code });
}
const onFirstUse = {
  name: 'on-first-use',
  setup(build) {
    build.onResolve(
      { filter: /^\.\/(search|help|attention|commands|digest|join-errors|account)\/index\.js$/ },
      ({ path }) => ({
        path: `./${chunks.get(path.split('/')[1]).file}`,
        external: true,
      }),
    );
  },
};

await build({
  ...options,
  entryPoints: { app: here('./src/main.ts'), 'app-style': here('./src/styles.css') },
  outdir,
  entryNames: '[name]',
  plugins: [onFirstUse],
});
// esbuild names a CSS entry after its key; the page links app.css.
await copyFile(here('./dist/app-style.css'), here('./dist/app.css'));
await rm(here('./dist/app-style.css'));
await copyFile(here('./src/index.html'), here('./dist/index.html'));
await copyFile(here('./src/favicon.svg'), here('./dist/favicon.svg'));

// Every file also as brotli and gzip, which aurora-server sends to a browser that takes them (it checks
// each copy decodes to its file): the page travels at about a third of its size, with no work per request.
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
for (const entry of await readdir(outdir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|css|html|svg)$/.test(entry.name)) continue;
  const path = `${entry.parentPath}/${entry.name}`;
  const bytes = await readFile(path);
  await writeFile(`${path}.br`, brotli(bytes));
  await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}

const js = await readFile(here('./dist/app.js'));
const css = await readFile(here('./dist/app.css'));
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `aurora-web: app.js ${kib(js.length)} (${kib(gzipped(js))} gzipped, ${kib(brotli(js).length)} brotli), app.css ${kib(css.length)} (${kib(gzipped(css))} gzipped)`,
);
console.log(
  `aurora-web: on first use: ${[...chunks.values()].map(({ file, code }) => `${file} ${kib(code.length)} (${kib(gzipped(code))} gzipped)`).join(', ')}`,
);
const jsGzipped = gzipped(js);
if (jsGzipped > CEILING_GZIPPED_JS) {
  console.error(
    `aurora-web: app.js is ${jsGzipped} bytes gzipped, over the ${CEILING_GZIPPED_JS} it may not grow past (budget ${BUDGET_GZIPPED_JS})`,
  );
  process.exit(1);
}
if (jsGzipped > BUDGET_GZIPPED_JS)
  console.warn(
    `aurora-web: app.js is ${jsGzipped - BUDGET_GZIPPED_JS} bytes over its ${BUDGET_GZIPPED_JS}-byte gzipped budget (#17)`,
  );
