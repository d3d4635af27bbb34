// What every group of command parsers shares: the words of the line handed to a parser, and the few
// readers and results they build their answers from, so each message is worded in one place.

import { type CommandSpec, synopsis } from './command-table.js';
import type { Command, FailureCode, ParsedInput } from './command-types.js';

/** A command line as a parser gets it: which command, what follows its name, and which words are secret. */
export interface CommandArgs {
  readonly spec: CommandSpec;
  /** Everything after the name and the space after it. */
  readonly rest: string;
  /** `rest` split at white space. */
  readonly words: readonly string[];
  /** The positions in `words` of secrets (passwords), by the command's `secret` rule. */
  readonly secret: readonly number[];
}

/** Reads the arguments of one command; `parseInput` picks it by the command's name from a table. */
export type CommandParser = (args: CommandArgs) => ParsedInput;

/** A message number as typed (`12` or `#12`), or undefined. */
export function messageNumber(word: string): number | undefined {
  const match = /^#?(\d{1,15})$/.exec(word);
  return match ? Number(match[1]) : undefined;
}

/** The first word of `rest` and what follows it, so a command can take free text after an argument. */
export function splitFirst(rest: string): [string, string] {
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(rest.trimStart());
  return [match?.[1] ?? '', match?.[2] ?? ''];
}

/** A refusal that shows how the command is written, so a mistyped line says what would work. */
export function usage(spec: CommandSpec): ParsedInput {
  return fail('bad_argument', `Usage: ${synopsis(spec)} — ${spec.help}`);
}

/** A line that parsed, as `parseInput` answers it. */
export function ok(command: Command): ParsedInput {
  return { ok: true, command };
}

/** A line that did not parse: a stable code for code, a message for the user. */
export function fail(code: FailureCode, message: string): ParsedInput {
  return { ok: false, code, message };
}
