import { nameColour } from 'aurora-protocol';
import { Chalk, type ChalkInstance } from 'chalk';

/** What a run of text is, which decides its colour. */
export type Role =
  | 'text'
  | 'time'
  | 'nick'
  | 'self'
  | 'separator'
  | 'system'
  | 'dm'
  | 'mention'
  | 'notice'
  | 'error'
  | 'pending'
  | 'failed'
  | 'date'
  | 'gap'
  | 'muted';

/** The style of one run: a role plus the formatting of message spans. */
export interface TextStyle {
  readonly role: Role;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly code?: boolean;
  /** A link target (http, https or mailto). */
  readonly href?: string;
  /** For `nick` and `self`: whose colour to use. */
  readonly nick?: string;
  /** Groups the pieces of one wrapped link, so terminals highlight them together. */
  readonly linkId?: string;
}

/** Every colour of the client, in one place. Views and the line renderer only paint through this. */
export interface Theme {
  /** Styles a run of (already sanitized) text. */
  paint(text: string, style: TextStyle): string;
  /** The status bar. */
  bar(text: string): string;
  /** A side-panel heading. */
  heading(text: string): string;
  /** The selected entry of a list. */
  selected(text: string): string;
  /** Unread counts. */
  unread(text: string): string;
  /** Mention marks and warnings. */
  alert(text: string): string;
  /** Less important text (away members, hints). */
  muted(text: string): string;
  /** A name in its stable colour. */
  name(nick: string, text?: string): string;
  /** The input cursor cell. */
  cursor(text: string): string;
}

/** Options for {@link createTheme}. */
export interface ThemeOptions {
  /** The chalk instance; its level decides how many colours (0 = no styling at all). */
  readonly chalk?: ChalkInstance;
  /**
   * Colours on (the default). Off (`NO_COLOR`), only colour goes: bold, italic, underline and
   * reverse stay, and grey text is dimmed instead (https://no-color.org).
   */
  readonly colour?: boolean;
  /** Draw links as OSC 8 hyperlinks (the URL stays visible either way). */
  readonly hyperlinks?: boolean;
}

/** Whether the environment asks for no colour: `NO_COLOR` set and not empty (https://no-color.org). */
export function noColourRequested(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.NO_COLOR ?? '') !== '';
}

const OSC8_SAFE = /[^\x21-\x7e]/gu;

/** Builds the theme. Colour depth follows the terminal (chalk's detection) unless a chalk is given. */
export function createTheme(options: ThemeOptions = {}): Theme {
  const chalk = options.chalk ?? new Chalk();
  const colour = options.colour ?? true;
  const hyperlinks = (options.hyperlinks ?? true) && chalk.level > 0;
  // Without colour, every colour is the plain chalk (attributes still apply), and grey is dim.
  const tint = (coloured: ChalkInstance): ChalkInstance => (colour ? coloured : chalk);
  const grey = colour ? chalk.gray : chalk.dim;
  const nameTint = (nick: string | undefined) => tint(chalk.hex(nameColour(nick ?? '')));
  const roles: Record<Exclude<Role, 'nick' | 'self'>, ChalkInstance> = {
    text: chalk,
    time: grey,
    separator: grey,
    system: grey,
    dm: tint(chalk.magentaBright),
    mention: tint(chalk.yellowBright).bold,
    notice: tint(chalk.cyan),
    error: tint(chalk.redBright),
    pending: grey,
    failed: tint(chalk.red),
    date: grey,
    gap: tint(chalk.yellow),
    muted: grey,
  };
  const base = (style: TextStyle): ChalkInstance => {
    if (style.role === 'nick') return nameTint(style.nick).bold;
    if (style.role === 'self') return nameTint(style.nick).bold.inverse;
    return roles[style.role];
  };
  return {
    paint: (text, style) => {
      let painter = base(style);
      if (style.bold) painter = painter.bold;
      if (style.italic) painter = painter.italic;
      if (style.code && colour) painter = painter.cyan;
      if (style.href) painter = colour ? painter.underline.blueBright : painter.underline;
      const painted = painter(text);
      return style.href && hyperlinks ? hyperlink(painted, style.href, style.linkId) : painted;
    },
    bar: (text) => chalk.inverse(text),
    heading: (text) => chalk.bold(text),
    selected: (text) => chalk.inverse(text),
    unread: (text) => chalk.bold(text),
    alert: (text) => tint(chalk.redBright).bold(text),
    muted: (text) => grey(text),
    name: (nick, text = nick) => nameTint(nick)(text),
    cursor: (text) => chalk.inverse(text),
  };
}

/**
 * Wraps text in an OSC 8 hyperlink. The URL comes from the protocol's formatter (http, https or
 * mailto, no controls), and is percent-encoded to printable ASCII here as well, so nothing in it can
 * end the escape sequence early.
 */
export function hyperlink(text: string, url: string, id?: string): string {
  const safeUrl = url.replace(OSC8_SAFE, (ch) =>
    Array.from(new TextEncoder().encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(
      '',
    ),
  );
  const params = id ? `id=${id.replace(/[^A-Za-z0-9_-]/g, '')}` : '';
  // BEL, not ST, ends the sequences: Ink measures BEL-terminated OSC correctly when it lays out rows.
  return `\x1b]8;${params};${safeUrl}\x07${text}\x1b]8;;\x07`;
}
