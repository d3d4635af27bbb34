import {
  encodeCursor,
  isDmTarget,
  messagePlace,
  remoteKeyed,
  type StreamPositions,
  targetOfWire,
} from 'aurora-client';
import type { ChatMessage } from 'aurora-protocol';
import { caughtUpJson, gapJson, tailJson, tailText } from '../core/tail-format.js';
import type { CursorFile } from './cursor-file.js';

/** Where `tail` prints, and how. */
export interface TailOutput {
  readonly json: boolean;
  /** Where messages go, one per line. */
  readonly write: (line: string) => void;
  /** Where trouble is reported (stderr). */
  readonly warn: (line: string) => void;
  /** Saves the cursor after every line, when asked to. */
  readonly cursorFile?: CursorFile;
}

/**
 * What `tail` has printed: the last seq per room and conversation, which is both what keeps a line
 * from being printed twice and the cursor printed with each line. Each line is written before the
 * cursor file, so a `kill -9` between the two prints a line again on the next run but never skips one.
 */
export class TailPrinter {
  /** The last seq printed per room, and per conversation by canonical key (`@bob`). */
  private readonly printed = new Map<string, number>();
  /** Conversations as the server spells the other person (`@Bob`), which is what cursors name. */
  private readonly spelt = new Map<string, string>();
  /** Targets whose place is not known yet (older history still being fetched): left out of cursors. */
  private readonly unsettled = new Set<string>();
  private caughtUpOnce = false;

  /** Starts at `start` (positions from `--since` or the cursor file); `me` is the name tailing. */
  constructor(
    private readonly output: TailOutput,
    start: StreamPositions | undefined,
    private readonly me: () => string,
  ) {
    for (const [target, seq] of Object.entries(start ?? {})) this.printed.set(this.key(target), seq);
  }

  /** The last seq printed (or started from) of a target; undefined before its first. */
  position(target: string): number | undefined {
    return this.unsettled.has(target) ? undefined : this.printed.get(target);
  }

  /** The conversations the start positions name, by canonical key (`@bob`). */
  conversations(): string[] {
    return [...this.printed.keys()].filter((target) => target.startsWith('@'));
  }

  /** Places a target at `seq` without printing: the next line of it is `seq + 1`. */
  begin(target: string, seq: number): void {
    this.unsettled.delete(target);
    this.printed.set(target, seq);
  }

  /** Marks a target whose place is being worked out (older history is on its way). */
  unsettle(target: string): void {
    this.unsettled.add(target);
  }

  /** A target as the server knows it: a room, or `@` and the person as the server spells them. */
  wire(target: string): string {
    return this.spelt.get(target) ?? target;
  }

  /**
   * The target a message belongs to: its room, or `@` and the other person (canonical key); undefined
   * for a message that names neither (a direct message without its `to`).
   */
  targetOf(message: ChatMessage): string | undefined {
    const place = messagePlace(message, this.me());
    return place?.isDm ? this.key(`@${place.name}`) : place?.target;
  }

  /** Prints a message unless it is not after the target's place, or has no place to keep. */
  print(message: ChatMessage): void {
    const target = this.targetOf(message);
    // Without a target there is no place to save, and a cursor naming none could not be read back.
    if (target === undefined) {
      this.output.warn(`aurora-chat: dropped message ${message.id}, which names no room or person`);
      return;
    }
    if ((this.printed.get(target) ?? 0) >= message.seq) return;
    this.printed.set(target, message.seq);
    this.emit(this.output.json ? tailJson(message, this.cursor()) : tailText(message, this.me()));
  }

  /** The server could not replay `target` after its place: say so, and go on from `seq`. */
  gap(target: string, seq: number): void {
    this.printed.set(target, seq);
    if (this.output.json) this.emit(gapJson(this.wire(target), this.cursor()));
    else {
      this.output.warn(
        `aurora-chat: the server no longer has every message of ${this.wire(target)} after the cursor; some were not printed`,
      );
      this.save();
    }
  }

  /** Says, once, that every followed target is printed up to date. */
  caughtUp(): void {
    if (this.caughtUpOnce) return;
    this.caughtUpOnce = true;
    if (this.output.json) this.emit(caughtUpJson(this.cursor()));
    else this.save();
  }

  /** The cursor of what was printed, every target of the start positions included. */
  cursor(): string {
    const settled = [...this.printed].filter(([target]) => !this.unsettled.has(target));
    return encodeCursor(remoteKeyed(settled.map(([target, seq]) => [this.wire(target), seq])));
  }

  /** Writes the starting cursor, so a path that cannot be written stops the command before it runs. */
  saveStart(): void {
    this.output.cursorFile?.write(this.cursor(), true);
  }

  /** The key of a target (`@Bob` -> `@bob`), remembering how a conversation's person is spelt. */
  private key(target: string): string {
    if (!isDmTarget(target)) return target;
    const key = targetOfWire(target);
    this.spelt.set(key, target);
    return key;
  }

  private emit(line: string): void {
    this.output.write(line);
    this.save();
  }

  private save(): void {
    this.output.cursorFile?.write(this.cursor());
  }
}
