/** How long a test waits for a screen before it fails: long enough for a busy CI machine. */
const DEADLINE_MS = 10_000;

/**
 * Polls the screen until `expected` holds and returns that screen; past the deadline, fails with the
 * last screen seen. A screen after an action is waited for, never read once: CI machines are busy.
 */
export async function waitForFrame(
  screen: () => string,
  expected: (frame: string) => boolean,
  what = 'the expected screen',
): Promise<string> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const frame = screen();
    if (expected(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`waited ${DEADLINE_MS} ms for ${what}; the screen:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
