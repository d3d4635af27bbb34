import type { ChatAction, ChatConnection, ChatState, Clock } from 'aurora-client';
import {
  awayMember,
  awayText,
  type Command,
  canonicalKey,
  dmPeer,
  dmTarget,
  firstSeq,
  HELP_FOOTER,
  HELP_HEADING,
  HOME,
  helpLines,
  helpRows,
  isDmTarget,
  type ModerationCommand,
  type PrefsCommand,
  parseInput,
  planMessageCommand,
  planModerationCommand,
  planPrefsCommand,
  targetOfWire,
  whoPage,
} from 'aurora-client';
import {
  LIMITS,
  type NotifyPrefs,
  type ServerMessageOf,
  sanitizeForTerminal,
  utf8Length,
} from 'aurora-protocol';
import { type AccountActions, createAccountActions } from './account-actions.js';
import { KEY_BINDINGS, KEYS_HEADING } from './key-help.js';

/** What became of a submitted line: sent (into history), kept in the input, or cleared without a trace. */
export type Submitted = 'done' | 'keep' | 'forget';

/** What the views can ask for. */
export interface ChatActions extends Omit<AccountActions, 'run'> {
  /** Runs a typed line (a message or a command), and says what the input should do with it. */
  submit(line: string): Submitted;
  /** Shows another room or conversation. */
  select(target: string): void;
  /** Shows the next (1) or previous (-1) entry of the side panel. */
  selectRelative(delta: number): void;
  /** Shows entry n of the side panel (1 is the first room). */
  selectIndex(index: number): void;
  /** Pages in older history of a target. */
  loadOlder(target: string): void;
  /** Asks the server for a page of search results, newest first (`before` is the last page's `next`). */
  search(query: string, before?: number): Promise<ServerMessageOf<'search_results'>>;
  /** Shows the room or conversation of a search result (`target` as on the wire), joining a room if need be. */
  showTarget(target: string): void;
  /** Pages in the history just before `seq` of a target (fills a hole in what is loaded). */
  loadBefore(target: string, seq: number): void;
  /** Loads the messages around `seq` of a target (its key), however far back, so it shows in context. */
  loadAround(target: string, seq: number): void;
  /** Tells the room the user is (or stopped) typing. */
  typing(active: boolean): void;
  /** Leaves the chat. */
  quit(): void;
}

/** What the actions act on. */
export interface ChatActionDeps {
  readonly connection: ChatConnection;
  readonly dispatch: (action: ChatAction) => void;
  readonly getState: () => ChatState;
  readonly clock: Clock;
  readonly quit: () => void;
  /** Opens the search view (`/search QUERY`). */
  readonly openSearch: (query: string) => void;
  /** Shows message `seq` of a target (its key), loading the history around it (`/goto N`). */
  readonly goTo: (key: string, seq: number) => void;
  /** Keeps a guest's changed notification preferences (an account's go to its server). */
  readonly keepGuestPrefs?: (prefs: NotifyPrefs) => Promise<void>;
}

/** How many older messages one scroll past the top asks for. */
const HISTORY_PAGE = 100;
/** A page of search results: a screenful or two in a tall terminal. */
const SEARCH_PAGE = 50;
/** Messages loaded before and after one jumped to: enough to fill a tall pane around it. */
const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 10;

/** Builds the actions; commands become connection requests and local state changes. */
export function createChatActions(deps: ChatActionDeps): ChatActions {
  const { connection, dispatch, getState, clock } = deps;
  const notice = (text: string, tone: 'info' | 'error' = 'info') =>
    dispatch({ type: 'notice', text, tone, now: clock.now() });
  /**
   * A two-column list (laid out by the pane's width), its terms in a column as wide as the widest up
   * to `most`: a longer one has its row to itself.
   */
  const listRows = (rows: readonly (readonly [term: string, text: string])[], most: number) => {
    const width = Math.min(most, Math.max(...rows.map(([term]) => term.length)));
    for (const [term, text] of rows)
      dispatch({ type: 'notice', text, tone: 'info', now: clock.now(), term: { text: term, width } });
  };
  const current = () => getState().targets[getState().current]!;
  const account = createAccountActions({ connection, dispatch, getState, clock, notice });
  // A direct message to someone away is answered with their away message, once per absence (as
  // irssi's show_away_once does), not after every line. Keyed by canonical name.
  const toldAway = new Map<string, string>();
  const tellAway = (nick: string) => {
    const member = awayMember(getState(), nick);
    const key = canonicalKey(nick);
    if (!member) return void toldAway.delete(key);
    const text = awayText(member);
    if (toldAway.get(key) === text) return;
    toldAway.set(key, text);
    notice(`${sanitizeForTerminal(member.nick)} is ${text}`);
  };

  const sendText = (
    kind: 'say' | 'action' | 'dm',
    target: string,
    text: string,
    replyTo?: number,
  ): boolean => {
    // A line sent now would hold the leave back (it waits for every line to the room): staying is a /join.
    if (kind !== 'dm' && getState().targets[target]?.leaving) {
      notice(`You are leaving ${target}; /join ${target} to stay, then send it.`, 'error');
      return false;
    }
    const bytes = utf8Length(text);
    const max = getState().maxTextBytes;
    if (bytes > max) {
      // The text stays in the input (submit answers 'keep'): shortened or cut in parts, it can go.
      notice(
        `The message is ${bytes} bytes; the limit is ${max}. Nothing was sent: the text stays in the input to shorten or send in parts (Ctrl+C clears it).`,
        'error',
      );
      return false;
    }
    dispatch({ type: 'sent', outgoing: connection.send(kind, target, text, replyTo) });
    if (kind !== 'dm') connection.typing(target, false);
    else tellAway(dmPeer(target));
    return true;
  };

  /**
   * `/notify`, `/mute`, `/unmute`, `/highlight`, `/ignore`, `/unignore`, `/ignored`: to the server
   * for an account, kept here for a guest.
   */
  const prefs = (command: PrefsCommand): boolean => {
    const plan = planPrefsCommand(getState(), command, clock.now());
    if (plan.kind === 'refused') {
      notice(plan.text, 'error');
      return false;
    }
    if (plan.kind === 'change') {
      if (getState().account !== undefined) connection.changePrefs(plan.change);
      else {
        dispatch({ type: 'prefs', prefs: plan.prefs, now: clock.now() });
        deps
          .keepGuestPrefs?.(plan.prefs)
          .catch((error: unknown) =>
            notice(
              `Could not keep your notification settings: ${error instanceof Error ? error.message : String(error)}`,
              'error',
            ),
          );
      }
    }
    notice(sanitizeForTerminal(plan.text));
    return true;
  };

  const run = (command: Command): boolean => {
    const here = current();
    switch (command.type) {
      case 'edit':
      case 'delete':
      case 'react':
      case 'reply':
      case 'reactions':
      case 'goto': {
        const plan = planMessageCommand(getState(), command);
        if (plan.kind === 'refuse') {
          notice(plan.message, 'error');
          return false;
        }
        if (plan.kind === 'show') {
          notice(sanitizeForTerminal(plan.message));
          return true;
        }
        if (plan.kind === 'goto') {
          deps.goTo(plan.target, plan.seq);
          return true;
        }
        const wire = here.kind === 'dm' ? dmTarget(here.label) : here.key;
        if (plan.kind === 'send') return sendText(plan.sendKind, wire, plan.text, plan.replyTo);
        if (plan.change.kind === 'edit' && utf8Length(plan.change.text) > getState().maxTextBytes) {
          notice(`An edit has the limits of a message: at most ${getState().maxTextBytes} bytes.`, 'error');
          return false;
        }
        connection.change(wire, plan.seq, plan.change);
        return true;
      }
      case 'say': {
        if (here.kind === 'home') {
          // A line typed before the room being joined is (the one named on the command line, or
          // asked for with /join) waits in the outbox for that room, which is shown at once.
          const joining = getState().selectOnJoin;
          if (joining === undefined) {
            notice('You are not in a room: /join ROOM first, or /msg NAME to talk to someone.', 'error');
            return false;
          }
          if (!sendText('say', joining, command.text)) return false;
          dispatch({ type: 'select', target: joining });
          return true;
        }
        return sendText(
          here.kind === 'dm' ? 'dm' : 'say',
          here.kind === 'dm' ? `@${here.label}` : here.key,
          command.text,
        );
      }
      case 'me':
        if (here.kind !== 'room') {
          notice('/me works in rooms only.', 'error');
          return false;
        }
        return sendText('action', here.key, command.text);
      case 'msg':
        dispatch({ type: 'open-dm', nick: command.nick });
        return command.text === undefined ? true : sendText('dm', `@${command.nick}`, command.text);
      case 'join': {
        // Decided before the dispatch: a room being left is joined again (the connection cancels the leave).
        const rooms = command.rooms.filter((room) => {
          const target = getState().targets[room];
          return !target || target.leaving;
        });
        dispatch({ type: 'join-requested', rooms: command.rooms });
        for (const room of rooms) connection.join(room, undefined, command.password);
        return true;
      }
      case 'part': {
        const target = command.room ?? here.key;
        if (target === HOME) {
          notice('This window cannot be closed; /quit leaves the chat.', 'error');
          return false;
        }
        if (isDmTarget(target)) dispatch({ type: 'close-target', target });
        else if (!getState().targets[target]) notice(`You are not in ${target}.`, 'error');
        else {
          // Marked first: offline, the connection reports the room left at once.
          dispatch({ type: 'leave-requested', room: target, now: clock.now() });
          connection.leave(target);
        }
        return true;
      }
      case 'nick':
        connection.setNick(command.nick);
        return true;
      case 'who': {
        const room = command.room ?? (here.kind === 'room' ? here.key : undefined);
        if (!room) {
          notice('/who lists a room: /who ROOM.', 'error');
          return false;
        }
        connection.members(room, undefined, whoPage(getState().targets[room]));
        return true;
      }
      case 'rooms':
        connection.rooms();
        return true;
      case 'topic':
        if (here.kind !== 'room') {
          notice('Only rooms have topics.', 'error');
          return false;
        }
        if (command.topic === undefined) {
          notice(
            here.topic
              ? `Topic of ${here.key}: ${here.topic}`
              : `${here.key} has no topic. Set one with /topic TEXT.`,
          );
          return true;
        }
        if ([...command.topic].length > LIMITS.maxTopicLength) {
          notice(`A topic can have at most ${LIMITS.maxTopicLength} characters.`, 'error');
          return false;
        }
        connection.topic(here.key, command.topic);
        return true;
      case 'search':
        deps.openSearch(command.query);
        return true;
      case 'away':
        if (command.status === undefined && getState().away) return run({ type: 'back' });
        connection.away(true, command.status);
        dispatch({ type: 'away', away: true });
        notice(
          command.status
            ? `You are away: ${command.status}`
            : 'You are away. /back (or /away again) to return.',
        );
        return true;
      case 'back':
        connection.away(false);
        dispatch({ type: 'away', away: false });
        notice('You are back.');
        return true;
      case 'clear':
        dispatch({ type: 'clear', target: here.key });
        return true;
      case 'help':
        if (command.command) for (const line of helpLines(command.command)) notice(line);
        else {
          notice(HELP_HEADING);
          listRows(helpRows(), 24);
          notice(HELP_FOOTER);
          notice(KEYS_HEADING);
          listRows(KEY_BINDINGS, 30);
        }
        return true;
      case 'quit':
        deps.quit();
        return true;
      case 'register':
      case 'login':
      case 'logout':
      case 'password':
        account.run(command);
        return true;
      case 'notify':
      case 'mute':
      case 'unmute':
      case 'highlight':
      case 'ignore':
        return prefs(command);
      case 'moderate':
      case 'claim':
      case 'bans':
      case 'mode':
      case 'invites':
        return moderate(command);
    }
  };

  /**
   * `/kick`, `/ban`, `/mute NAME`, `/op`, `/kill`, `/invite`, `/voice`..., `/claim`, `/bans`, `/mode`,
   * `/invites`: the server decides who may.
   */
  const moderate = (command: ModerationCommand): boolean => {
    const here = current();
    const plan = planModerationCommand(command, here.kind === 'room' ? here.key : undefined);
    switch (plan.kind) {
      case 'refused':
        notice(plan.text, 'error');
        return false;
      case 'moderate':
        connection.moderate(plan.request);
        return true;
      case 'claim':
        connection.claim(plan.room);
        return true;
      case 'bans':
        connection.bans(plan.room);
        return true;
      case 'mode':
        connection.mode(plan.room, plan.set);
        return true;
      case 'invites':
        connection.invites(plan.room);
        return true;
    }
  };

  const historyBefore = (target: string, before: number, limit: number) => {
    const state = getState().targets[target];
    if (!state || state.kind === 'home') return;
    connection.history(state.kind === 'dm' ? dmTarget(state.label) : target, before, limit);
  };

  return {
    submit: (line) => {
      const parsed = parseInput(line);
      if (parsed.ok) return run(parsed.command) ? 'done' : 'keep';
      if (parsed.code !== 'empty') notice(parsed.message, 'error');
      // A password typed on the command line must leave the screen, and never enter the history.
      return parsed.code === 'secret_argument' ? 'forget' : 'keep';
    },
    password: account.password,
    cancelPassword: account.cancelPassword,
    seen: account.seen,
    select: (target) => dispatch({ type: 'select', target }),
    selectRelative: (delta) => dispatch({ type: 'select-relative', delta }),
    selectIndex: (index) => dispatch({ type: 'select-index', index }),
    loadOlder: (target) => {
      const state = getState().targets[target];
      if (!state) return;
      dispatch({ type: 'older-requested', target });
      connection.history(
        isDmTarget(target) ? dmTarget(state.label) : target,
        firstSeq(state.items),
        HISTORY_PAGE,
      );
    },
    search: (query, before) =>
      connection.search(query, { limit: SEARCH_PAGE, ...(before === undefined ? {} : { before }) }),
    showTarget: (wire) => {
      const key = targetOfWire(wire);
      if (getState().targets[key]) dispatch({ type: 'select', target: key });
      else if (isDmTarget(wire)) dispatch({ type: 'open-dm', nick: dmPeer(wire) });
      // Results come from rooms the account is a member of; one not joined here is joined to show it.
      else run({ type: 'join', rooms: [wire] });
    },
    loadAround: (target, seq) =>
      historyBefore(target, seq + CONTEXT_AFTER + 1, CONTEXT_BEFORE + 1 + CONTEXT_AFTER),
    loadBefore: (target, seq) => historyBefore(target, seq, HISTORY_PAGE),
    typing: (active) => {
      const here = current();
      // No notices from a room being left: nothing more will be said there.
      if (here.kind === 'room' && !here.leaving) connection.typing(here.key, active);
    },
    quit: () => deps.quit(),
  };
}
