import { type Connection, targetOfWire } from 'aurora-client';
import { type ChatMessage, LIMITS, type ServerMessageOf } from 'aurora-protocol';
import { CliError } from './cli-error.js';
import { guarded, statusError } from './script-session.js';
import type { TailOptions } from './tail-command.js';
import type { TailPrinter } from './tail-printer.js';

/** What catching up needs beyond the tail's options. */
export interface CatchUpOptions extends TailOptions {
  readonly printer: TailPrinter;
  /** A connection that joins no room: rooms are read through `history`, which needs no membership. */
  readonly connection: Connection;
}

/**
 * How far one target is: paging back for its first `history` messages; paging forward from its
 * place (`seen` once a page brought anything); checking, when a cursor brought nothing, that the
 * server is not behind it (it lost its data); or done.
 */
type Progress =
  | { readonly phase: 'back'; readonly collected: ChatMessage[] }
  | { readonly phase: 'forward'; readonly seen: boolean }
  | { readonly phase: 'check' }
  | { readonly phase: 'done' };

/**
 * `tail --until-idle`: prints every message after the start positions, page by page, oldest first,
 * then `caught_up`, and resolves. A room with no position starts with its last `history` messages.
 * Rooms are read without joining, so a cron job leaves no join and leave notices behind; messages
 * stored after the last page are the next run's. A reconnect asks again from what was printed.
 * Messages the server no longer has after a cursor are reported by a `gap` line, as live.
 */
export function catchUp(options: CatchUpOptions): Promise<void> {
  const { printer, connection, settings } = options;
  const wanted = options.history;
  const progress = new Map<string, Progress>();
  for (const target of [...settings.rooms, ...printer.conversations()])
    progress.set(
      target,
      printer.position(target) === undefined
        ? { phase: 'back', collected: [] }
        : { phase: 'forward', seen: false },
    );

  const ask = (target: string) => {
    const state = progress.get(target);
    // Asked by the name the server spells, which is always a valid one (a canonical key may not be).
    const wire = printer.wire(target);
    if (state?.phase === 'forward')
      connection.historyAfter(wire, printer.position(target) ?? 0, LIMITS.historyPageMax);
    else if (state?.phase === 'check') connection.history(wire, undefined, 1);
    else if (state?.phase === 'back') {
      const oldest = state.collected[0]?.seq;
      // At least one message even when none are wanted: the newest one tells where the room is.
      const limit = Math.min(LIMITS.historyPageMax, Math.max(1, wanted - state.collected.length));
      connection.history(wire, oldest, limit);
    }
  };
  /** Moves a target on and asks for its next page; true once every target is done. */
  const next = (target: string, state: Progress): boolean => {
    progress.set(target, state);
    if (state.phase !== 'done') ask(target);
    return [...progress.values()].every((p) => p.phase === 'done');
  };
  /** Handles a page of `target`; true once every target is done. */
  const onPage = (target: string, page: ServerMessageOf<'history'>): boolean => {
    const state = progress.get(target);
    if (state === undefined || state.phase === 'done') return false;
    const position = printer.position(target) ?? 0;
    if (state.phase === 'back') {
      state.collected.unshift(...page.messages);
      if (state.collected.length < wanted && page.more && page.messages.length > 0)
        return next(target, state);
      const shown = wanted === 0 ? [] : state.collected.slice(-wanted);
      printer.begin(target, (shown[0]?.seq ?? (state.collected.at(-1)?.seq ?? 0) + 1) - 1);
      for (const message of shown) printer.print(message);
      // Then forward, for what was stored while paging back; its place came from the server.
      return next(target, { phase: 'forward', seen: true });
    }
    if (state.phase === 'check') {
      // The target's latest seq outlives its messages: an empty room may only have been pruned, and a
      // guest sees no conversation from before it took its name. Without `seq` (an older server) only a
      // message behind the cursor proves a loss. Behind it, the server lost its data: all it has is new.
      const latest = page.seq ?? page.messages.at(-1)?.seq;
      if (latest === undefined || latest >= position) return next(target, { phase: 'done' });
      printer.gap(target, 0);
      return next(target, { phase: 'forward', seen: true });
    }
    // Seqs have no holes within a target: a first seq past the place means retention dropped some.
    const first = page.messages[0];
    if (first && first.seq > position + 1) printer.gap(target, first.seq - 1);
    for (const message of page.messages) printer.print(message);
    if (page.more && first) return next(target, { phase: 'forward', seen: true });
    return next(target, state.seen || first ? { phase: 'done' } : { phase: 'check' });
  };

  return new Promise<void>((resolve, reject) => {
    options.signal.addEventListener('abort', () => resolve(), { once: true });
    const finish = () => {
      printer.caughtUp();
      resolve();
    };
    connection.subscribe(
      guarded(reject, (event) => {
        if (event.type === 'status') {
          const stopped = statusError(event.status, settings);
          if (stopped) reject(stopped);
          // Every online is a fresh socket: what was asked on the last one is asked again from here.
          else if (event.status.state === 'online') for (const target of progress.keys()) ask(target);
          return;
        }
        if (event.type !== 'server') return;
        const message = event.message;
        if (message.type !== 'history') {
          if (message.type === 'error')
            reject(new CliError(message.code, `cannot read the history: ${message.message}`));
          return;
        }
        const target = targetOfWire(message.target);
        if (onPage(target, message)) finish();
      }),
    );
    if (options.signal.aborted) resolve();
    else if (progress.size === 0) finish();
    else connection.start();
  });
}
