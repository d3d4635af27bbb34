import { COMMANDS, helpLines, synopsis } from 'aurora-client';

// What `/help` shows, loaded on first use as a bundle of its own (see build.mjs): the command table's
// help sentences are read far less often than the page loads, so app.js does not carry them (#17).

/** The help of one command (`/help part`), or the whole table, one command a line, as a page reads it. */
export function helpText(command: string): string {
  if (command !== '') return helpLines(command).join('\n');
  return [
    'Commands:',
    ...COMMANDS.map((spec) => `${synopsis(spec)} — ${spec.help}`),
    'Start a line with // to send text that begins with /.',
  ].join('\n');
}
