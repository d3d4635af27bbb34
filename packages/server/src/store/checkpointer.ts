import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** When checkpoints run; the defaults suit production, tests make them eager. */
export interface CheckpointOptions {
  /**
   * How long after a commit, at most, its pages wait to be copied. Under light traffic the commits
   * of this long share one checkpoint: each one fsyncs the database, and a commit that follows a
   * checkpoint takes longer (the WAL starts over), so one every 100 ms slowed a tenth of the commits.
   */
  readonly delayMs?: number;
  /** Once this many stored rows wait, the checkpoint runs after `busyDelayMs` instead. */
  readonly busyRows?: number;
  /** The delay under heavy traffic: short, so the WAL stays small while messages pour in. */
  readonly busyDelayMs?: number;
  /**
   * SQLite starts the WAL over only once a checkpoint has copied every frame in it, and a writer
   * that commits while the worker checkpoints keeps it a few commits behind for good. Past this
   * many frames the writer holds its commits for one checkpoint so it can catch up.
   */
  readonly catchUpFrames?: number;
}

const DEFAULTS: Required<CheckpointOptions> = {
  delayMs: 2000,
  busyRows: 1000,
  busyDelayMs: 100,
  catchUpFrames: 8192 /* 32 MiB of pages */,
};

/** What the WAL file is cut back to once SQLite has started it over. */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

// The worker's own connection copies the WAL into the database (PASSIVE: it never waits for nor
// blocks the writer), fsyncs, and reports the WAL's size. Plain CommonJS, so it runs the same from
// the sources under test as from dist.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
db.pragma('journal_size_limit = ' + workerData.walSizeLimit);
parentPort.on('message', (command) => {
  if (command === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log, checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});
`;

/** What a {@link Checkpointer} tells its database. */
export interface CheckpointEvents {
  /** A checkpoint failed; its frames stay in the WAL, nothing is lost. */
  error(message: string): void;
  /** The worker is gone (it crashed): the writer must checkpoint by itself again. */
  stopped(): void;
  /**
   * The checkpoint copied every frame of the WAL: the next commit starts it over, and syncs the new
   * WAL header to disk as it does (a fsync, about half a millisecond here).
   */
  copied?(): void;
}

/** What the worker reports after a checkpoint: the frames in the WAL and those copied, or why it failed. */
type Outcome = { readonly log: number; readonly checkpointed: number } | { readonly error: string };

/**
 * Checkpoints a WAL-mode database on a worker thread. SQLite's automatic checkpoint runs inside the
 * commit that crosses its threshold: every few hundred commits one of them copied pages into the
 * database and fsynced on the event loop, a stall of 10 ms and more for every connection. Here the
 * writer only appends to the WAL, and each commit asks for a checkpoint that the worker runs within
 * two seconds (a tenth of a second once many rows wait). When the WAL has grown long, the writer's
 * commits wait (asynchronously: the event loop goes on) for one checkpoint, which then copies
 * everything so the WAL starts over.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Rows committed since the last checkpoint started: the WAL has frames to copy when above 0. */
  private waitingRows = 0;
  /** When the pending timer fires; a busy writer may bring it forward. */
  private timerAt = 0;
  /** Checkpoints run so far (for tests and diagnostics). */
  completed = 0;
  private catchingUp = false;
  private released: (() => void)[] = [];
  private closed = false;
  private readonly options: Required<CheckpointOptions>;

  constructor(
    file: string,
    private readonly events: CheckpointEvents,
    options: CheckpointOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        walSizeLimit: WAL_SIZE_LIMIT,
      },
    });
    this.worker.unref();
    this.worker.on('message', (outcome: Outcome) => this.finished(outcome));
    this.worker.on('error', (error) => this.events.error(error.message));
    this.worker.on('exit', () => {
      if (this.closed) return;
      this.closed = true;
      clearTimeout(this.timer);
      this.release();
      this.events.stopped();
    });
  }

  /** True while commits should wait for the checkpoint in progress (see {@link whenReleased}). */
  get holding(): boolean {
    return this.catchingUp;
  }

  /** Runs `callback` once commits may go on. */
  whenReleased(callback: () => void): void {
    if (this.catchingUp) this.released.push(callback);
    else callback();
  }

  /** Called after a commit of `rows` rows: the WAL has new frames to copy. */
  request(rows: number): void {
    this.waitingRows += rows;
    if (!this.running) this.schedule(this.delay());
  }

  /** Stops the worker; the writer's connection checkpoints what is left when it closes. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.release();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    // Held until the worker is gone, or a process with nothing else to do would exit before the
    // writer's connection closes (and checkpoints the rest).
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }

  private finished(outcome: Outcome): void {
    this.running = false;
    this.completed++;
    if ('error' in outcome) this.events.error(outcome.error);
    else if (outcome.log > 0 && outcome.checkpointed === outcome.log) this.events.copied?.();
    if (this.catchingUp) {
      // Nothing was committed during this checkpoint: it copied the whole WAL.
      this.release();
    } else if ('log' in outcome && outcome.log >= this.options.catchUpFrames) {
      this.catchingUp = true;
      this.schedule(0);
      return;
    }
    if (this.waitingRows > 0) this.schedule(this.delay());
  }

  private delay(): number {
    return this.waitingRows >= this.options.busyRows ? this.options.busyDelayMs : this.options.delayMs;
  }

  private release(): void {
    this.catchingUp = false;
    const callbacks = this.released;
    this.released = [];
    for (const callback of callbacks) callback();
  }

  /** Runs a checkpoint in `delayMs`, or sooner if one is already due sooner. */
  private schedule(delayMs: number): void {
    if (this.closed) return;
    const at = performance.now() + delayMs;
    if (this.timer !== undefined) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.closed) return;
      this.waitingRows = 0;
      this.running = true;
      this.worker.postMessage('checkpoint');
    }, delayMs);
    this.timer.unref();
  }
}
