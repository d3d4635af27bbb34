import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';

/**
 * A terminal screen that swallows what Ink draws and notes when it was written, so the time from a
 * message's arrival to its frame can be read.
 */
export class FakeScreen extends Writable {
  readonly isTTY = true;
  /** Writes so far. */
  writes = 0;
  /** When the last write happened, on `performance.now()`'s clock. */
  lastWriteAt = 0;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super({ decodeStrings: false });
  }

  override _write(_chunk: unknown, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.writes++;
    this.lastWriteAt = performance.now();
    done();
  }
}

// Ink calls these on its stdin and chains some of them; none has anything to do here.
function itself<T>(this: T): T {
  return this;
}

/**
 * A keyboard that types only when told to; it answers what Ink asks of a TTY stdin. Each chunk
 * handed to {@link Keyboard.type} is one read of the terminal, as a pty delivers input.
 */
export class Keyboard extends EventEmitter {
  readonly isTTY = true;
  readonly setRawMode = itself;
  readonly setEncoding = itself;
  readonly ref = itself;
  readonly unref = itself;
  readonly resume = itself;
  readonly pause = itself;
  private readonly pending: string[] = [];

  /** Delivers one chunk of input; Ink reads and handles it before this returns. */
  type(chunk: string): void {
    this.pending.push(chunk);
    this.emit('readable');
  }

  read(): string | null {
    return this.pending.shift() ?? null;
  }
}
