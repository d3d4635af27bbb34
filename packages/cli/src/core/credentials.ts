import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalName, remoteRecord } from 'aurora-protocol';
import * as v from 'valibot';

/** One stored log-in: the session token the server issued, never the password. */
export const StoredSession = v.object({
  /** The account name as the server spells it. */
  name: v.pipe(v.string(), v.minLength(1)),
  token: v.pipe(v.string(), v.minLength(1)),
  /** When the server said the token stops working (ms since the epoch). */
  expiresAt: v.pipe(v.number(), v.safeInteger()),
});
/** One stored log-in. */
export type StoredSession = v.InferOutput<typeof StoredSession>;

/** The credentials file: sessions by server URL, then by canonical account name. */
export const CredentialsFile = v.object({
  version: v.literal(1),
  servers: remoteRecord(v.string(), remoteRecord(v.string(), StoredSession)),
});
/** The credentials file's contents. */
export type CredentialsFile = v.InferOutput<typeof CredentialsFile>;

/** A credentials file that cannot be read or does not hold what this client wrote. */
export class CredentialsError extends Error {
  /** The stable code the command line reports. */
  readonly code = 'bad_credentials';

  /** Names the file and what is wrong with it. */
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`credentials file ${path}: ${reason}; fix or delete it, then log in again`);
    this.name = 'CredentialsError';
  }
}

/**
 * Where the session tokens live: `$XDG_CONFIG_HOME/aurora/credentials.json`, else
 * `~/.config/aurora/credentials.json` (`%APPDATA%\aurora\credentials.json` on Windows).
 */
export function credentialsPath(env: NodeJS.ProcessEnv, home: string, platform = process.platform): string {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'aurora', 'credentials.json');
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'aurora', 'credentials.json');
  return join(home, '.config', 'aurora', 'credentials.json');
}

const EMPTY: CredentialsFile = { version: 1, servers: {} };

/**
 * The session tokens of the terminal client, one per server URL and canonical account name (`Alice`
 * and `ALICE` are one account). Every write replaces the file atomically (a temporary file with mode
 * 0600 in the same folder, then a rename), so a crash never leaves half a file and no other user can
 * ever read a token. Two clients writing at the same moment may lose one update, never the file.
 */
export class CredentialStore {
  /** A store backed by the file at `path` (created on the first save). */
  constructor(readonly path: string) {}

  /** The session stored for `name` on `server`, if any. */
  async get(server: string, name: string): Promise<StoredSession | undefined> {
    return storedIn(await this.read(), server, canonicalName(name));
  }

  /** Stores (or replaces) the session of its account on `server`. */
  async save(server: string, session: StoredSession): Promise<void> {
    const file = await this.read();
    const sessions = { ...file.servers[server], [canonicalName(session.name)]: session };
    await this.write({ ...file, servers: { ...file.servers, [server]: sessions } });
  }

  /**
   * Forgets the session of `name` on `server`; with `token`, only if it is still that one (another
   * client may have logged in again meanwhile). Returns whether an entry was removed.
   */
  async remove(server: string, name: string, token?: string): Promise<boolean> {
    const file = await this.read();
    const key = canonicalName(name);
    const stored = storedIn(file, server, key);
    if (!stored || (token !== undefined && stored.token !== token)) return false;
    const { [key]: _gone, ...rest } = file.servers[server] ?? {};
    const { [server]: _server, ...servers } = file.servers;
    await this.write({
      ...file,
      servers: Object.keys(rest).length > 0 ? { ...servers, [server]: rest } : servers,
    });
    return true;
  }

  private async read(): Promise<CredentialsFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return EMPTY;
      throw new CredentialsError(
        this.path,
        `cannot read it: ${code === 'EACCES' ? 'permission denied' : String(code ?? error)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CredentialsError(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    const parsed = v.safeParse(CredentialsFile, json);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const key = issue ? v.getDotPath(issue) : undefined;
      throw new CredentialsError(
        this.path,
        `${key ? `"${key}": ` : ''}${issue?.message ?? 'unexpected contents'}`,
      );
    }
    return parsed.output;
  }

  private async write(file: CredentialsFile): Promise<void> {
    const folder = dirname(this.path);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temporary = join(folder, `.credentials-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // The umask can only take bits away from 0600; chmod makes it exactly 0600 all the same.
      await chmod(temporary, 0o600);
      await rename(temporary, this.path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/**
 * The session stored under `server` and canonical name `key`: own entries only, so an account called
 * `constructor` never finds `Object.prototype.constructor` there.
 */
function storedIn(file: CredentialsFile, server: string, key: string): StoredSession | undefined {
  const sessions = Object.hasOwn(file.servers, server) ? file.servers[server] : undefined;
  return sessions && Object.hasOwn(sessions, key) ? sessions[key] : undefined;
}
