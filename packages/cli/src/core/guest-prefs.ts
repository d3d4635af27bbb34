import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EMPTY_PREFS, type NotifyPrefs, parsePrefs } from 'aurora-protocol';

/**
 * Where a guest's notification preferences live: `$XDG_CONFIG_HOME/aurora/guest-prefs.json`, else
 * `~/.config/aurora/guest-prefs.json` (`%APPDATA%\aurora\guest-prefs.json` on Windows), beside the
 * credentials. An account's preferences live on its server instead.
 */
export function guestPrefsPath(env: NodeJS.ProcessEnv, home: string, platform = process.platform): string {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'aurora', 'guest-prefs.json');
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'aurora', 'guest-prefs.json');
  return join(home, '.config', 'aurora', 'guest-prefs.json');
}

/** A guest's preferences on one server, as the chat loads and keeps them. */
export interface GuestPrefs {
  /** The preferences kept for this server (none kept, or an unreadable file: `EMPTY_PREFS`). */
  load(): Promise<NotifyPrefs>;
  /** Keeps these as the preferences for this server. */
  save(prefs: NotifyPrefs): Promise<void>;
}

/**
 * The guest preferences file: `{"version": 1, "servers": {URL: NotifyPrefs}}`. A guest has no
 * account to keep them, so this terminal keeps them, one entry per server. A file that cannot be
 * read is treated as empty (they are preferences, not secrets: losing them costs a command or two)
 * and is replaced by the next save. Writes are atomic: a temporary file, then a rename.
 */
export class GuestPrefsFile {
  /** A file at `path` (created on the first save). */
  constructor(readonly path: string) {}

  /** The preferences of one server, as a {@link GuestPrefs}. */
  forServer(server: string): GuestPrefs {
    return {
      load: async () => {
        const servers = await this.read();
        return Object.hasOwn(servers, server) ? (parsePrefs(servers[server]) ?? EMPTY_PREFS) : EMPTY_PREFS;
      },
      save: async (prefs) => {
        const servers = await this.read();
        await this.write({ ...servers, [server]: prefs });
      },
    };
  }

  private async read(): Promise<Record<string, unknown>> {
    try {
      const file: unknown = JSON.parse(await readFile(this.path, 'utf8'));
      const servers = (file as { servers?: unknown } | null)?.servers;
      if (typeof servers !== 'object' || servers === null || Array.isArray(servers)) return {};
      // Copied onto a null prototype: a server URL is never `__proto__`, but the file is editable.
      return Object.assign(Object.create(null) as Record<string, unknown>, servers);
    } catch {
      return {};
    }
  }

  private async write(servers: Record<string, unknown>): Promise<void> {
    const folder = dirname(this.path);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temporary = join(folder, `.guest-prefs-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify({ version: 1, servers }, null, 2)}\n`);
      } finally {
        await handle.close();
      }
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** Preferences kept in memory only (tests, and a run told not to write files). */
export function memoryGuestPrefs(initial: NotifyPrefs = EMPTY_PREFS): GuestPrefs & { current: NotifyPrefs } {
  const kept = {
    current: initial,
    load: async () => kept.current,
    save: async (prefs: NotifyPrefs) => {
      kept.current = prefs;
    },
  };
  return kept;
}
