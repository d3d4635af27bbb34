/** Characters that continue a name, so `alice` is not mentioned inside `malice` or `alice_bot`. */
const NAME_CHAR = '[\\p{L}\\p{M}\\p{N}_-]';

/**
 * True when `text` mentions `nick` as a word, ignoring case and compatibility forms: "alice:", "hey
 * @Alice!" and "ALICE." mention alice; "malice" and "alice_bot" do not.
 */
export function mentions(text: string, nick: string): boolean {
  const name = nick.normalize('NFKC').toLowerCase();
  if (name === '') return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!${NAME_CHAR})${escaped}(?!${NAME_CHAR})`, 'u').test(
    text.normalize('NFKC').toLowerCase(),
  );
}
