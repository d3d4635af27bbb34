import { splitCommandLine } from './command-line.js';
import { BY_NAME } from './command-table.js';

/**
 * What an input's history (Up recalls it) keeps of a sent line: the line as typed, or, for a command
 * with secret words (the command table's `secret`: `/join #room PASSWORD`, `/mode +k PASSWORD`), the
 * command without them, so that recalling it neither shows nor resends a password. Undefined for a
 * blank line. The terminal's input history keeps what this returns, never the line itself (as any
 * history a client adds must).
 */
export function historyEntry(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  const command = splitCommandLine(line);
  const secret = command && BY_NAME.get(command.typed)?.secret;
  if (!command || !secret) return line;
  const hidden = new Set(secret(command.words));
  if (hidden.size === 0) return line;
  const kept = command.words.filter((_, at) => !hidden.has(at));
  return [`/${command.typed}`, ...kept].join(' ');
}
