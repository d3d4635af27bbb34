import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what its last full collection left live, in percent. Left to
 * itself it lets the heap grow to several times the live size while allocation is fast, and a chat
 * that draws a frame for each of 100 messages a second allocates fast: with 100,000 messages loaded
 * (about 46 MB live) the client's RSS ended anywhere from 180 to 205 MB in aurora-bench's terminal
 * scenario; at 50% it holds 176-178 MB. The price is a full collection every few seconds under that
 * load (frame p99 about 2 ms higher, still under 16 ms). The flag is read at every collection, so
 * setting it after start-up takes effect.
 */
const HEAP_GROWING_PERCENT = 50;

/** Keeps the interactive client's heap close to what it holds; the chat calls it before drawing. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
