import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import { textProblem } from '../message-text.js';

/** A client-chosen identifier (`cid`, `ref`): short printable ASCII. */
export const ClientId = v.pipe(v.string(), v.regex(/^[\x21-\x7e]+$/), v.maxLength(LIMITS.maxIdLength));

/** A room name as sent on the wire; the server applies the full room rules (`checkRoom`). */
export const RoomName = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.maxRoomLength + 1));

/** A nickname as sent on the wire; the server applies the full name rules (`checkNick`). */
export const Nick = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.maxNickLength * 4));

/** A per-room (or per-conversation) sequence number, starting at 1. */
export const Seq = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** Milliseconds since the Unix epoch, set by the server. */
export const Timestamp = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** Message text: at least one non-space character and at most `maxTextBytes` of UTF-8. */
export const Text = v.pipe(
  v.string(),
  v.check((text) => textProblem(text) !== 'empty', 'text is empty'),
  v.check((text) => textProblem(text) !== 'too_long', `text is longer than ${LIMITS.maxTextBytes} bytes`),
);

/** A room topic; empty clears it. */
export const Topic = v.pipe(v.string(), v.maxLength(LIMITS.maxTopicLength));

/** An away message. */
export const Status = v.pipe(v.string(), v.maxLength(LIMITS.maxStatusLength));

/** Echoed back on the reply or error that answers a request, so clients can match them. */
export const Ref = v.optional(ClientId);

/**
 * What a message is: said in a room, a `/me` action, a server notice, or a direct message; or an
 * event that changes an earlier message (`about`): an `edit`, a `delete`, a `reaction` put on or
 * taken off. Events are stored entries with their own seq, so resume replays them in order.
 */
export const MessageKind = v.picklist(['chat', 'action', 'system', 'dm', 'edit', 'delete', 'reaction']);

/** One emoji on a message and who put it there (names as they were then); the count is `who.length`. */
export const Reaction = v.object({ emoji: v.string(), who: v.array(v.string()) });

/**
 * A person's standing in a room, as member lists show it: `owner` (marked `~`), `operator` (`@`),
 * `admin`, a server admin, who acts as an owner everywhere (`&`), or `voice` (`+`), who may speak in
 * a moderated room. Absent: a plain member.
 */
export const Role = v.picklist(['owner', 'operator', 'admin', 'voice']);

/** The actions a `moderate` request asks for. */
export const MODERATE_ACTIONS = [
  'kick',
  'ban',
  'unban',
  'mute',
  'unmute',
  'op',
  'deop',
  'kill',
  'voice',
  'devoice',
  'invite',
  'uninvite',
] as const;

/** What a moderation action does: a `moderate` action, or `claim` (an account taking an ownerless room). */
export const ModerationAction = v.picklist([...MODERATE_ACTIONS, 'claim']);

/**
 * A room's settings (`/mode`): `moderated` (+m), `inviteOnly` (+i), `topicProtected` (+t),
 * `private` (+p), and `password` (+k), whether joining needs a password (the password itself is never
 * sent back).
 */
export const RoomSetting = v.picklist(['moderated', 'inviteOnly', 'topicProtected', 'private', 'password']);

/** A room's settings as the server reports them. */
export const RoomSettings = v.object({
  moderated: v.boolean(),
  inviteOnly: v.boolean(),
  topicProtected: v.boolean(),
  private: v.boolean(),
  password: v.boolean(),
});

/**
 * A join or leave notice may stand for several people who joined (left) in the same moment: `nicks`
 * names them in order (`nick` is the first), and `count`, when larger than `nicks`, says how many
 * there were in all (a big room names only the first few).
 */
const Coalesced = v.object({
  nicks: v.optional(v.array(v.string())),
  count: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
});

/** What a system notice is about. */
export const SystemEvent = v.variant('kind', [
  v.object({ kind: v.literal('join'), nick: v.string(), ...Coalesced.entries }),
  v.object({
    kind: v.literal('leave'),
    nick: v.string(),
    reason: v.optional(v.string()),
    ...Coalesced.entries,
  }),
  v.object({ kind: v.literal('rename'), nick: v.string(), from: v.string() }),
  v.object({ kind: v.literal('topic'), nick: v.string(), topic: v.string() }),
  /** `nick` did `action` to `target` (a name), with an optional reason; a ban or mute lasts `until`. */
  v.object({
    kind: v.literal('moderation'),
    nick: v.string(),
    action: ModerationAction,
    target: v.string(),
    reason: v.optional(v.string()),
    until: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  }),
  /** `nick` turned a room setting on or off (`/mode`); a password is never in it. */
  v.object({ kind: v.literal('mode'), nick: v.string(), setting: RoomSetting, on: v.boolean() }),
]);

/**
 * One stored message. Room messages carry `room`; direct messages carry `to` (the recipient) instead,
 * and their `seq` counts within the conversation of the two people. Everything here is set by the
 * server: clients cannot choose `from`, `id`, `seq` or `ts`.
 */
export const ChatMessage = v.object({
  type: v.literal('message'),
  /** Server-assigned id, unique across the server. */
  id: v.string(),
  seq: Seq,
  kind: MessageKind,
  room: v.optional(v.string()),
  to: v.optional(v.string()),
  from: v.string(),
  /**
   * True when the sender was logged in to the account of that name when it was sent: clients mark
   * such names (registered), so a guest with a similar name never looks verified. Absent for guests.
   */
  account: v.optional(v.boolean()),
  /**
   * True when an operator's incoming webhook posted it, not a person: clients mark the name as a
   * bot's, so a webhook can never pass for someone. Absent otherwise.
   */
  bot: v.optional(v.boolean()),
  text: v.string(),
  ts: Timestamp,
  /** The sender's client message id, present on messages a client sent. */
  cid: v.optional(v.string()),
  /** On `system` messages: what happened, for clients that update state from history. */
  event: v.optional(SystemEvent),
  /** On `chat`, `action` and `dm`: the seq of the message (same target) this one answers. */
  replyTo: v.optional(Seq),
  /** On events (`edit`, `delete`, `reaction`): the seq of the message they change. */
  about: v.optional(Seq),
  /** On `reaction` events: the emoji, and whether it was put on (true) or taken off (false). */
  emoji: v.optional(v.string()),
  on: v.optional(v.boolean()),
  /** The message as it is now: when it was last edited (its `text` is the edited text). */
  edited: v.optional(Timestamp),
  /** The message was deleted: `text` is empty and stays so. */
  deleted: v.optional(v.boolean()),
  /** The message's reactions now, in the order they first appeared. Absent: none. */
  reactions: v.optional(v.array(Reaction)),
  /**
   * The seq of the last event folded into this state. A client applies an event only when its seq
   * is above the message's `rev`, so a message read from history is never turned back by an older
   * event replayed after it.
   */
  rev: v.optional(Seq),
});

/** A member of a room as shown in member lists. */
export const Member = v.object({
  nick: v.string(),
  /** True when the person is logged in to the account of that name (registered); absent for guests. */
  account: v.optional(v.boolean()),
  away: v.boolean(),
  status: v.optional(v.string()),
  /** Owner, operator or server admin of the room; absent for plain members. */
  role: v.optional(Role),
});

/** A room as listed by `rooms`. */
export const RoomSummary = v.object({
  room: v.string(),
  members: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  topic: v.string(),
});

/**
 * What a room or conversation asks to be told about: every message, mentions (and direct messages,
 * which are mentions), or nothing. Rooms and conversations without a level are at `mentions`.
 */
export const NotifyLevel = v.picklist(['all', 'mentions', 'none']);

/**
 * An account's notification preferences, by target (a room, or `@` and a canonical name): levels
 * other than the default, mutes (`until` in ms since the epoch on the server's clock; absent, until
 * unmuted), highlight keywords, and ignored people (names as typed, compared by canonical name).
 * Lists of entries rather than objects keyed by target, so a room called `constructor` needs no care
 * anywhere. See `changePrefs` for the rules and bounds. `ignored` came later: a document or frame
 * without it (stored before, or from an older server) reads as ignoring nobody.
 */
export const NotifyPrefs = v.object({
  levels: v.array(v.object({ target: v.string(), level: NotifyLevel })),
  mutes: v.array(v.object({ target: v.string(), until: v.optional(Timestamp) })),
  keywords: v.array(v.string()),
  ignored: v.optional(v.array(v.string()), () => []),
});

/** A stored chat, action, system or direct message. */
export type ChatMessage = v.InferOutput<typeof ChatMessage>;
/** What a system notice is about. */
export type SystemEvent = v.InferOutput<typeof SystemEvent>;
/** A person's role in a room. */
export type Role = v.InferOutput<typeof Role>;
/** One of a room's settings. */
export type RoomSetting = v.InferOutput<typeof RoomSetting>;
/** A room's settings. */
export type RoomSettings = v.InferOutput<typeof RoomSettings>;
/** A moderation action. */
export type ModerationAction = v.InferOutput<typeof ModerationAction>;
/** One emoji on a message and who put it there. */
export type Reaction = v.InferOutput<typeof Reaction>;
/** A room member as listed. */
export type Member = v.InferOutput<typeof Member>;
/** A room in a room list. */
export type RoomSummary = v.InferOutput<typeof RoomSummary>;
/** A notification level. */
export type NotifyLevel = v.InferOutput<typeof NotifyLevel>;
/** An account's (or a guest terminal's) notification preferences. */
export type NotifyPrefs = v.InferOutput<typeof NotifyPrefs>;
/** One of the message kinds. */
export type MessageKind = v.InferOutput<typeof MessageKind>;

/**
 * A JSON object whose keys are names from the network, as a null-prototype record. valibot's
 * `record` skips `__proto__`, `constructor` and `prototype` keys, but those are valid room names,
 * so this checks every own entry and keeps them all without touching any prototype.
 */
export function remoteRecord<K extends v.GenericSchema<string, string>, V extends v.GenericSchema>(
  key: K,
  value: V,
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(
      (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
      'must be an object',
    ),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const out: Record<string, v.InferOutput<V>> = Object.create(null);
      for (const [name, entry] of Object.entries(dataset.value)) {
        const checkedKey = v.safeParse(key, name);
        const checkedValue = v.safeParse(value, entry);
        const issue = checkedKey.success ? checkedValue.issues?.[0] : checkedKey.issues[0];
        if (!checkedKey.success || !checkedValue.success) {
          const here = {
            type: 'object',
            origin: checkedKey.success ? 'value' : 'key',
            input: dataset.value,
            key: name,
            value: entry,
          } as const;
          addIssue({ message: issue?.message ?? 'invalid entry', path: [here, ...(issue?.path ?? [])] });
          return NEVER;
        }
        out[checkedKey.output] = checkedValue.output;
      }
      return out;
    }),
  );
}
