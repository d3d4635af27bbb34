/** Stable codes of the log lines for faults one frame caused; the frame's sender gets an error reply. */
export const FrameFault = {
  /** Decoding or admitting the frame threw; the sender got `bad_frame`. */
  Frame: 'frame_failed',
  /** Its handler threw; the sender got `internal` or `store_unavailable`. */
  Handler: 'handler_failed',
  /** The request queue itself failed after the handler. */
  Request: 'request_failed',
} as const;

/** What a caught value says, without calling a `toString` that could itself throw or recurse. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : typeof error;
}
