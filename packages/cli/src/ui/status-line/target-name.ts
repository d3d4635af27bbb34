import type { TargetState } from 'aurora-client';
import { sanitizeForTerminal } from 'aurora-protocol';

/** A target's name as shown: `#dev`, `@bob`, or `aurora` for home. */
export function targetName(target: TargetState): string {
  const label = sanitizeForTerminal(target.label);
  return target.kind === 'room' ? `#${label}` : target.kind === 'dm' ? `@${label}` : label;
}
