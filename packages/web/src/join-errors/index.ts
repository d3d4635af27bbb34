// The join-errors chunk: the sentences the join screen says when joining failed. A join fails now
// and then (a name taken, a wrong password), so main.ts loads them with `import()` then (#17).
export { describeJoinError } from '../core/join-errors.js';
