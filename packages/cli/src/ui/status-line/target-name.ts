import { sanitizeForTerminal } from 'aurora-protocol';
import type { TargetState } from '../../core/chat-state.js';

/** A target's name as shown: `#dev`, `@bob`, or `aurora` for home. */
export function targetName(target: TargetState): string {
  const label = sanitizeForTerminal(target.label);
  return target.kind === 'room' ? `#${label}` : target.kind === 'dm' ? `@${label}` : label;
}
