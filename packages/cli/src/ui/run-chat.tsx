import type { Settings } from '../cli/settings.js';

/** Runs the interactive client until the user quits. */
export async function runChat(_settings: Settings): Promise<void> {
  throw new Error('not yet');
}
