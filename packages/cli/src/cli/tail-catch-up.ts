import { type Connection, dmPeer, dmTarget } from 'aurora-client';
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

/** How far one target is: paging back for its first `history` messages, paging forward, or done. */
type Progress =
  | { readonly phase: 'back'; readonly collected: ChatMessage[] }
  | { readonly phase: 'forward' }
  | { readonly phase: 'done' };

/**
 * `tail --until-idle`: prints every message after the start positions, page by page, oldest first,
 * then `caught_up`, and resolves. A room with no position starts with its last `history` messages.
 * Rooms are read without joining, so a cron job leaves no join and leave notices behind; messages
 * stored after the last page are the next run's. A reconnect asks again from what was printed.
 */
export function catchUp(options: CatchUpOptions): Promise<void> {
  const { printer, connection, settings } = options;
  const wanted = options.history;
  const progress = new Map<string, Progress>();
  for (const target of [...settings.rooms, ...printer.conversations()])
    progress.set(
      target,
      printer.position(target) === undefined ? { phase: 'back', collected: [] } : { phase: 'forward' },
    );

  const ask = (target: string) => {
    const state = progress.get(target);
    // Asked by the name the server spells, which is always a valid one (a canonical key may not be).
    if (state?.phase === 'forward')
      connection.historyAfter(printer.wire(target), printer.position(target) ?? 0, LIMITS.historyPageMax);
    else if (state?.phase === 'back') {
      const oldest = state.collected[0]?.seq;
      // At least one message even when none are wanted: the newest one tells where the room is.
      const limit = Math.min(LIMITS.historyPageMax, Math.max(1, wanted - state.collected.length));
      connection.history(printer.wire(target), oldest, limit);
    }
  };
  const onPage = (page: ServerMessageOf<'history'>, done: () => void) => {
    const target = page.target.startsWith('@') ? dmTarget(dmPeer(page.target)) : page.target;
    const state = progress.get(target);
    if (state === undefined || state.phase === 'done') return;
    if (state.phase === 'back') {
      state.collected.unshift(...page.messages);
      if (state.collected.length < wanted && page.more && page.messages.length > 0) return ask(target);
      const shown = wanted === 0 ? [] : state.collected.slice(-wanted);
      printer.begin(target, (shown[0]?.seq ?? (state.collected.at(-1)?.seq ?? 0) + 1) - 1);
      for (const message of shown) printer.print(message);
      // Then forward, for what was stored while paging back.
      progress.set(target, { phase: 'forward' });
      return ask(target);
    }
    for (const message of page.messages) printer.print(message);
    if (page.more && page.messages.length > 0) return ask(target);
    progress.set(target, { phase: 'done' });
    if ([...progress.values()].every((p) => p.phase === 'done')) done();
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
        if (message.type === 'history') onPage(message, finish);
        else if (message.type === 'error')
          reject(new CliError(message.code, `cannot read the history: ${message.message}`));
      }),
    );
    if (options.signal.aborted) resolve();
    else if (progress.size === 0) finish();
    else connection.start();
  });
}
