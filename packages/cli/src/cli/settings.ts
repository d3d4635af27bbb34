import { DEFAULT_QUIET_JOINS, parseQuietJoins, QUIET_JOINS_CHOICES, type QuietJoins } from 'aurora-client';
import { checkNick, checkRoom, MODERATION_LIMITS } from 'aurora-protocol';
import * as v from 'valibot';
import { BellMode, configPath, loadConfig, NOTIFY_CHOICES, NotifyMode, TitleMode } from '../core/config.js';
import { normalizeServerAddress } from '../core/server-address.js';
import { CliError, CliErrorCode } from './cli-error.js';

/** The flags every mode shares, as commander parsed them. */
export interface CommonFlags {
  readonly server?: string;
  readonly name?: string;
  readonly room?: readonly string[];
  readonly config?: string;
  readonly bell?: string;
  /** `--notify` (the chat only). */
  readonly notify?: string;
  /** `--title` (the chat only). */
  readonly title?: string;
  /** `--quiet-joins` (the chat only). */
  readonly quietJoins?: string;
  /** `--wait` (chat and tail only). */
  readonly wait?: boolean;
}

/** Everything a mode needs to connect, after flags, environment and config file were merged. */
export interface Settings {
  /** The WebSocket URL. */
  readonly url: string;
  /** The server as shown in the status line (`host:port`). */
  readonly server: string;
  readonly nick: string;
  readonly rooms: readonly string[];
  /** `AURORA_ROOM_PASSWORD`: the join password of the rooms named with --room (never a flag: ps shows flags). */
  readonly roomPassword?: string;
  readonly bell: BellMode;
  /** How desktop notifications reach the terminal; `auto` is settled when the chat starts. */
  readonly notify: NotifyMode;
  /** Set the terminal's title to the unread count and the place on screen (`--title`). */
  readonly title: TitleMode;
  readonly hyperlinks: boolean;
  /** Rooms with more members than this hide joins, leaves and renames (`0` always, `Infinity` never). */
  readonly quietJoins: QuietJoins;
  /** Keep retrying a first connection that fails (`--wait`), instead of stopping with `unreachable`. */
  readonly wait: boolean;
  /** Lines to print on stderr before starting (unknown config keys). */
  readonly warnings: readonly string[];
}

/** Where settings come from besides flags; injected for tests. */
export interface SettingsSources {
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** The login name, the last resort for a nick. */
  readonly username: string;
}

/**
 * Merges settings, first found wins: flags, then environment (`AURORA_SERVER`, `AURORA_NAME`), then
 * the config file, then defaults (`localhost:8000`, the login name, bell on mentions, notifications
 * chosen for the terminal). Every value is
 * checked here, so a bad one stops the program with one clear line before anything connects.
 */
export async function resolveSettings(flags: CommonFlags, sources: SettingsSources): Promise<Settings> {
  const explicit = flags.config ?? sources.env.AURORA_CONFIG;
  const path = explicit ?? configPath(sources.env, sources.home);
  const loaded = await loadConfig(path, explicit !== undefined);
  if (!loaded.ok) throw new CliError(CliErrorCode.BadConfig, loaded.message);
  const config = loaded.config;

  const address = normalizeServerAddress(
    flags.server ?? sources.env.AURORA_SERVER ?? config.server ?? 'localhost:8000',
  );
  if (!address.ok) throw new CliError(CliErrorCode.BadServerAddress, address.message);

  const rawNick = flags.name ?? sources.env.AURORA_NAME ?? config.name ?? sources.username;
  const nick = checkNick(rawNick);
  if (!nick.ok)
    throw new CliError(
      CliErrorCode.BadUsage,
      `"${rawNick}" cannot be a name: ${nick.problem.message} (choose one with --name)`,
    );

  const rawRooms = flags.room ?? (typeof config.rooms === 'string' ? [config.rooms] : (config.rooms ?? []));
  const rooms: string[] = [];
  for (const room of rawRooms
    .flatMap((r) => r.split(','))
    .map((r) => r.trim())
    .filter(Boolean)) {
    const checked = checkRoom(room);
    if (!checked.ok)
      throw new CliError(CliErrorCode.BadUsage, `"${room}" cannot be a room: ${checked.problem.message}`);
    if (!rooms.includes(checked.name)) rooms.push(checked.name);
  }

  const bell = flags.bell ?? config.bell ?? 'mentions';
  if (!v.is(BellMode, bell))
    throw new CliError(CliErrorCode.BadUsage, `--bell takes off, mentions or all, not "${bell}"`);

  const notify = flags.notify ?? config.notify ?? 'auto';
  if (!v.is(NotifyMode, notify))
    throw new CliError(CliErrorCode.BadUsage, `--notify takes ${NOTIFY_CHOICES}, not "${notify}"`);

  const title = flags.title ?? config.title ?? 'on';
  if (!v.is(TitleMode, title))
    throw new CliError(CliErrorCode.BadUsage, `--title takes on or off, not "${title}"`);

  const quietJoins =
    flags.quietJoins === undefined
      ? config.quietJoins === undefined
        ? DEFAULT_QUIET_JOINS
        : parseQuietJoins(config.quietJoins)!
      : parseQuietJoins(flags.quietJoins);
  if (quietJoins === undefined)
    throw new CliError(
      CliErrorCode.BadUsage,
      `--quiet-joins takes ${QUIET_JOINS_CHOICES}, not "${flags.quietJoins}"`,
    );

  const roomPassword = sources.env.AURORA_ROOM_PASSWORD;
  if (roomPassword !== undefined && roomPassword.length > MODERATION_LIMITS.maxRoomPasswordLength)
    throw new CliError(
      CliErrorCode.BadUsage,
      `AURORA_ROOM_PASSWORD is longer than a room password may be (${MODERATION_LIMITS.maxRoomPasswordLength} characters)`,
    );
  return {
    url: address.url,
    server: address.display,
    nick: nick.name,
    rooms,
    ...(roomPassword ? { roomPassword } : {}),
    bell,
    notify,
    title,
    hyperlinks: config.hyperlinks ?? true,
    quietJoins,
    wait: flags.wait === true,
    warnings: loaded.warnings,
  };
}
