import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseQuietJoins, QUIET_JOINS_CHOICES } from 'aurora-client';
import * as v from 'valibot';

/** How often the terminal bell rings: never, on mentions and direct messages, or on every message. */
export const BellMode = v.picklist(['off', 'mentions', 'all']);
/** How often the terminal bell rings. */
export type BellMode = v.InferOutput<typeof BellMode>;

/** The ways a desktop notification can reach the terminal, `auto` choosing one from its identity. */
export const NOTIFY_MODES = ['auto', 'osc777', 'osc9', 'osc99', 'bell', 'off'] as const;
/** The sentence every refused notify setting ends with: it lists the choices. */
export const NOTIFY_CHOICES = 'auto, osc777, osc9, osc99, bell or off';
/** How desktop notifications reach the terminal (`--notify`). */
export const NotifyMode = v.picklist(NOTIFY_MODES, `notify takes ${NOTIFY_CHOICES}`);
/** How desktop notifications reach the terminal. */
export type NotifyMode = v.InferOutput<typeof NotifyMode>;

/** Whether the chat sets the terminal's title to the unread count and the place on screen (`--title`). */
export const TitleMode = v.picklist(['on', 'off'], 'title takes on or off');
/** Whether the chat sets the terminal's title. */
export type TitleMode = v.InferOutput<typeof TitleMode>;

/** When joins, leaves and renames are hidden (`--quiet-joins`): a number of members, always or never. */
export const QuietJoinsSetting = v.custom<string | number>(
  (input) => (typeof input === 'string' || typeof input === 'number') && parseQuietJoins(input) !== undefined,
  `quietJoins takes ${QUIET_JOINS_CHOICES}`,
);

/** The config file: defaults for the command-line flags. Every key is optional. */
export const ConfigFile = v.object({
  /** Server address in any usual form (`host:port`, `ws://...`, `https://...`). */
  server: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Nickname. */
  name: v.optional(v.pipe(v.string(), v.minLength(1))),
  /** Rooms to join: a list, or one comma-separated string. */
  rooms: v.optional(v.union([v.string(), v.array(v.string())])),
  bell: v.optional(BellMode),
  /** Desktop notifications through the terminal (default `auto`). */
  notify: v.optional(NotifyMode),
  /** Set the terminal's title to the unread count and the room (default `on`). */
  title: v.optional(TitleMode),
  /** Draw links as OSC 8 hyperlinks (default true). */
  hyperlinks: v.optional(v.boolean()),
  /** Hide joins, leaves and renames in rooms with more members than this (default 50). */
  quietJoins: v.optional(QuietJoinsSetting),
});
/** The config file's contents. */
export type ConfigFile = v.InferOutput<typeof ConfigFile>;

/** The outcome of reading the config file. */
export type LoadedConfig =
  | {
      readonly ok: true;
      readonly path: string;
      readonly config: ConfigFile;
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly code: 'bad_config'; readonly path: string; readonly message: string };

/**
 * Where the config file lives: `$AURORA_CONFIG` if set, else `$XDG_CONFIG_HOME/aurora/config.json`,
 * else `~/.config/aurora/config.json` (`%APPDATA%\aurora\config.json` on Windows).
 */
export function configPath(env: NodeJS.ProcessEnv, home: string, platform = process.platform): string {
  if (env.AURORA_CONFIG) return env.AURORA_CONFIG;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'aurora', 'config.json');
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'aurora', 'config.json');
  return join(home, '.config', 'aurora', 'config.json');
}

/**
 * Reads and checks the config file. A missing file is an empty config; a file that cannot be read,
 * is not JSON, or holds a wrong value is an error naming the file and the key. Unknown keys are
 * warnings (a newer version may have written them), not errors.
 */
export async function loadConfig(path: string, required = false): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return { ok: true, path, config: {}, warnings: [] };
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? error);
    return bad(path, `cannot read it: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return bad(path, `it is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return bad(path, 'it must hold a JSON object, like {"server": "localhost:8000"}');
  const parsed = v.safeParse(ConfigFile, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue ? v.getDotPath(issue) : undefined;
    return bad(path, `${key ? `"${key}": ` : ''}${issue?.message ?? 'invalid value'}`);
  }
  const known = new Set(Object.keys(ConfigFile.entries));
  const warnings = Object.keys(json)
    .filter((key) => !known.has(key))
    .map((key) => `${path}: unknown key "${key}" ignored (known: ${[...known].join(', ')})`);
  return { ok: true, path, config: parsed.output, warnings };
}

function bad(path: string, reason: string): LoadedConfig {
  return { ok: false, code: 'bad_config', path, message: `config file ${path}: ${reason}` };
}
