// Copies the browser client's build into dist/public, so the published server ships it.
import { cp, rm, stat } from 'node:fs/promises';

const from = new URL('../web/dist/', import.meta.url);
const to = new URL('./dist/public/', import.meta.url);
await rm(to, { recursive: true, force: true });
if (await stat(from).catch(() => undefined)) await cp(from, to, { recursive: true });
else console.warn('aurora-server: packages/web/dist is missing; the server will show the "not built" page');
