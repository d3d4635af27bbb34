import {
  type ClientMessageOf,
  canonicalName,
  checkRoom,
  ErrorCode,
  parseSearchQuery,
  SEARCH_LIMITS,
  searchSnippet,
} from 'aurora-protocol';
import { ignoredKeys } from '../accounts/attention.js';
import type { Hub } from '../hub.js';
import { readRefusal } from '../rooms/privacy.js';
import { narrowScopes, searchScopes, wireTarget } from '../search/search-scope.js';
import type { Session } from '../session.js';
import { PREFIX_WORDS } from '../store/search.js';

/**
 * `search`: parses the query (a problem is `bad_query`), searches the rooms and conversations this
 * connection may read (see `search-scope.ts`), and answers a page of results, newest first, or
 * `search_unavailable` from a server that keeps no index.
 */
export async function search(hub: Hub, session: Session, message: ClientMessageOf<'search'>): Promise<void> {
  const ref = message.ref === undefined ? {} : { ref: message.ref };
  const parsed = parseSearchQuery(message.query);
  if (!parsed.ok) {
    session.fail(ErrorCode.BadQuery, parsed.problem, ref);
    return;
  }
  const query = parsed.query;
  let scopes = await searchScopes(hub, session);
  if (query.in !== undefined) {
    const narrowed = narrowScopes(session, scopes, query.in);
    if (narrowed === undefined) {
      session.fail(ErrorCode.BadQuery, `in:${query.in} is not a room or a name`, ref);
      return;
    }
    scopes = narrowed;
    const room = query.in.startsWith('@') ? undefined : checkRoom(query.in);
    const hidden = room?.ok ? await readRefusal(hub, session, room.name) : undefined;
    if (hidden) {
      session.fail(hidden.code, hidden.message, ref);
      return;
    }
  }
  // An account's ignored people are left out, as from its transcripts (a guest's are its client's).
  const account = session.identity?.account;
  const ignored = account ? ignoredKeys(await hub.options.store.accounts.prefs(account.key)) : [];
  const page = await hub.options.store.search({
    terms: query.terms,
    scopes,
    ...(ignored.length === 0 ? {} : { exceptFromKeys: ignored }),
    limit: message.limit ?? SEARCH_LIMITS.pageDefault,
    ...(query.from === undefined ? {} : { fromKey: canonicalName(query.from) }),
    ...(query.before === undefined ? {} : { before: query.before }),
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(message.before === undefined ? {} : { cursor: message.before }),
  });
  if (page.unavailable) {
    session.fail(ErrorCode.SearchUnavailable, 'search is off on this server (--search-index off)', ref);
    return;
  }
  if (page.tooCommon !== undefined) {
    session.fail(
      ErrorCode.BadQuery,
      `prefix too common: ${page.tooCommon}* matches more than ${PREFIX_WORDS} words here; add letters`,
      ref,
    );
    return;
  }
  session.send({
    type: 'search_results',
    results: page.found.map(({ message: found }) => ({
      target: wireTarget(session, found),
      seq: found.seq,
      id: found.id,
      kind: found.kind,
      from: found.from,
      ...(found.account ? { account: true } : {}),
      ...(found.bot ? { bot: true } : {}),
      ts: found.ts,
      snippet: searchSnippet(found.text, query.terms),
    })),
    ...(page.next === undefined ? {} : { next: page.next }),
    ...ref,
  });
}
