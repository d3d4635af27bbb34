import { between, type Random, seededRandom, ZipfSampler } from './random.js';
import { makeVocabulary } from './vocabulary.js';

/** What the seeded history is made of. */
export interface CorpusPlan {
  readonly messages: number;
  readonly rooms: number;
  /** Distinct words; drawn by a Zipf-like law of this exponent (1 is natural language's). */
  readonly vocabulary: number;
  readonly zipfExponent: number;
  /** The messages are spread over this long before the seeding time. */
  readonly spanDays: number;
  readonly seed: number;
}

/** One message of the seeded history. */
export interface SeedMessage {
  readonly room: string;
  readonly nick: string;
  readonly text: string;
  readonly ts: number;
}

/** A room's name: the load generator's (`Fleet` puts client i in `r{floor(i / roomSize)}`). */
export function roomName(index: number): string {
  return `r${index}`;
}

/** People who may speak in a room, fewest to most. */
const SENDERS_PER_ROOM = [3, 8] as const;
/** Names drawn for the rooms' senders; people are in several rooms, as in a team. */
const PEOPLE = 400;
/** Rooms differ in traffic, mildly: the busiest has about 4x the share of the quietest of 100. */
const ROOM_SKEW = 0.3;
/** Words per message: log-normal around 7 (median), most between 3 and 15, at most 60. */
const MEDIAN_WORDS = 7;
const WORDS_SIGMA = 0.7;
const MAX_WORDS = 60;
const ENDINGS = ['', '', '', '.', '.', '?', '!'];

/** A log-normal word count (Box-Muller), the shape chat message lengths have. */
export function wordCount(random: Random): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(MAX_WORDS, Math.max(1, Math.round(MEDIAN_WORDS * Math.exp(WORDS_SIGMA * normal))));
}

/** The corpus's vocabulary, most frequent first: the same words the queries are drawn from. */
export function corpusVocabulary(plan: CorpusPlan): string[] {
  return makeVocabulary(plan.vocabulary, seededRandom(plan.seed));
}

function personName(index: number, vocabulary: readonly string[]): string {
  // Capitalised words from the rare end, with a number: valid names that no query word equals.
  const word = vocabulary[vocabulary.length - 1 - (index % vocabulary.length)]!;
  return `${word[0]!.toUpperCase()}${word.slice(1, 8)}${index}`;
}

/**
 * The seeded history, oldest first: `plan.messages` messages over `plan.rooms` rooms, each room with
 * a few senders (one talks most), text from the Zipf-distributed vocabulary, times spread over
 * `plan.spanDays` up to `endMs` and never decreasing (the store numbers search documents in the
 * order they are stored, and a newer message must have the higher number). Deterministic for a
 * plan and an end time.
 */
export function* corpus(plan: CorpusPlan, endMs: number): Generator<SeedMessage> {
  const vocabulary = corpusVocabulary(plan);
  const random = seededRandom(plan.seed + 1);
  const words = new ZipfSampler(vocabulary.length, plan.zipfExponent);
  const rooms = new ZipfSampler(plan.rooms, ROOM_SKEW);
  const senders = Array.from({ length: plan.rooms }, () => {
    const count = between(random, SENDERS_PER_ROOM[0], SENDERS_PER_ROOM[1]);
    return Array.from({ length: count }, () => personName(between(random, 0, PEOPLE - 1), vocabulary));
  });
  const speakers = new Map<number, ZipfSampler>();
  const spanMs = plan.spanDays * 86_400_000;
  const startMs = endMs - spanMs;
  for (let i = 0; i < plan.messages; i++) {
    const room = rooms.sample(random);
    const people = senders[room]!;
    let speaker = speakers.get(people.length);
    if (!speaker) {
      speaker = new ZipfSampler(people.length, 1);
      speakers.set(people.length, speaker);
    }
    const count = wordCount(random);
    let text = '';
    for (let w = 0; w < count; w++) {
      const word = vocabulary[words.sample(random)]!;
      text += w === 0 ? word[0]!.toUpperCase() + word.slice(1) : random() < 0.06 ? `, ${word}` : ` ${word}`;
    }
    text += ENDINGS[Math.floor(random() * ENDINGS.length)]!;
    yield {
      room: roomName(room),
      nick: people[speaker.sample(random)]!,
      text,
      // Slot i of the span, at a random point within it: spread out, and never before the last.
      ts: Math.floor(startMs + ((i + random()) * spanMs) / plan.messages),
    };
  }
}
