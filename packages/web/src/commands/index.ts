import { parseInput } from 'aurora-client';
import { type CommandPlan, planCommand } from '../core/command-plan.js';
import type { PageState } from '../core/page-state.js';

export { sendRequest } from '../core/requests.js';

// The commands chunk: the engine's command table and parser and what each command does on the
// page. main.ts loads it with `import()` the first time someone types a line starting with `/`
// (or uses a message's menu), so the page everyone loads first does not carry them (#17); plain
// lines are said without it (see core/say-plan.ts). It keeps no state: the page hands it the state.

/** What a composer line (a command, or `//text`) comes to in `state` at `now`. */
export function planLine(line: string, state: PageState, now: number): CommandPlan {
  const parsed = parseInput(line);
  if (!parsed.ok)
    return {
      actions: [],
      frames: [],
      ...(parsed.code === 'empty' ? {} : { error: parsed.message }),
      // The parser says "the line was cleared": a password typed on it must not stay on screen.
      ...(parsed.code === 'secret_argument' ? { forget: true } : {}),
    };
  return planCommand(parsed.command, state, now);
}
