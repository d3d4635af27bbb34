import { type Member, sameName, sanitizeForTerminal } from 'aurora-protocol';
import type { ChatState } from './chat-state.js';

/** How an away member reads: `away`, or `away: at lunch` with their message (sanitized, one line). */
export function awayText(member: Member): string {
  const status = member.status ? sanitizeForTerminal(member.status).trim() : '';
  return status ? `away: ${status}` : 'away';
}

/** `nick` as a member of a room the user is in, when away (away is per person, not per room). */
export function awayMember(state: ChatState, nick: string): Member | undefined {
  for (const key of state.order) {
    const member = state.targets[key]?.members.find((m) => sameName(m.nick, nick));
    if (member) return member.away ? member : undefined;
  }
  return undefined;
}
