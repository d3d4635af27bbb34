/**
 * Who is typing, as one sentence every client shows alike: "bob is typing…", "bob and carol are
 * typing…", "bob, carol and dave are typing…", and from four people on "4 people are typing…";
 * empty when nobody is. Names come as given: a terminal sanitizes them, a page escapes them.
 */
export function typingSentence(names: readonly string[]): string {
  switch (names.length) {
    case 0:
      return '';
    case 1:
      return `${names[0]} is typing…`;
    case 2:
      return `${names[0]} and ${names[1]} are typing…`;
    case 3:
      return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
    default:
      return peopleTyping(names.length);
  }
}

/** The sentence without names: "someone is typing…", "5 people are typing…". */
export function peopleTyping(count: number): string {
  return count === 1 ? 'someone is typing…' : `${count} people are typing…`;
}
