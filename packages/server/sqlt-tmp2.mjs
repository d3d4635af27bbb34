import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
const file = mkdtempSync('/tmp/sqlt/db-') + '/a.db';
const db = new Database(file);
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
if (process.argv[2]) db.pragma('wal_autocheckpoint = ' + process.argv[2]);
db.exec(`CREATE TABLE IF NOT EXISTS messages (
  target TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,
  room TEXT, to_nick TEXT, to_key TEXT, from_nick TEXT NOT NULL, from_key TEXT NOT NULL, text TEXT NOT NULL,
  ts INTEGER NOT NULL, cid TEXT, event TEXT, PRIMARY KEY (target, seq)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS messages_by_cid ON messages (from_key, cid) WHERE cid IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_by_ts ON messages (ts);
CREATE TABLE IF NOT EXISTS sequences (target TEXT PRIMARY KEY, last INTEGER NOT NULL);`);
const insert = db.prepare(`INSERT INTO messages (target, seq, id, kind, room, to_nick, to_key, from_nick, from_key, text, ts, cid, event) VALUES (@target, @seq, @id, @kind, @room, @to_nick, @to_key, @from_nick, @from_key, @text, @ts, @cid, @event)`);
const rec = db.prepare('INSERT INTO sequences (target, last) VALUES (?, ?) ON CONFLICT (target) DO UPDATE SET last = excluded.last');
let seq = 0; const times = [];
const end = Date.now() + 10000;
while (Date.now() < end) {
  seq++;
  const r = { target: 'room:r' + (seq % 10), seq, id: 'm_' + seq, kind: 'chat', room: 'r' + (seq % 10), to_nick: null, to_key: null, from_nick: 'u' + (seq % 1000), from_key: 'u' + (seq % 1000), text: '~T123456789~ the quick brown fox jumps over the lazy dog, then sits down for tea', ts: Date.now(), cid: 'c' + seq, event: null };
  const s = performance.now();
  db.transaction(() => { insert.run(r); rec.run(r.target, seq); })();
  times.push(performance.now() - s);
  await new Promise((res) => setTimeout(res, 10));
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.floor(times.length * p)].toFixed(3);
console.log(`autocheckpoint=${process.argv[2] ?? 'default'}: ${times.length} commits; p50 ${q(0.5)} p99 ${q(0.99)} p99.9 ${q(0.999)} max ${times.at(-1).toFixed(2)} ms; >2ms: ${times.filter(t => t > 2).length}`);
