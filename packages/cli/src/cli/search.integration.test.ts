import { describe, expect, it } from 'vitest';
import { withShellServer } from '../testing/shell-server.js';

// `aurora-chat search` as scripts use it: the built binary against a real server, each test with its
// own config folder (its own credentials), as if on its own computer.

const { computer } = withShellServer('aurora-search-');

describe('aurora-chat search', () => {
  it('finds a room as a guest with --room, without joining it, in safe text and in JSON', async () => {
    const shell = await computer();
    const watcher = shell.tail(['--room', 'notes', '--name', 'watcher', '--json']);
    await watcher.waitFor(/"watcher joined"/);
    for (const text of ['deploying the API', 'lunch?', 'deployed \x1b]52;c;aGk=\x07 \x1b[2Jwith escapes'])
      expect((await shell.run(['send', '--room', 'notes', '--name', 'poster', text])).code).toBe(0);
    await watcher.waitFor(/with escapes/);

    const found = await shell.run(['search', '--room', 'notes', '--name', 'finder', 'deploy*']);
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    const lines = found.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d #notes <poster> deployed .*with escapes$/);
    expect(lines[1]).toMatch(/#notes <poster> deploying the API$/);
    expect(found.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);

    const json = await shell.run([
      'search',
      '--room',
      '#notes',
      '--name',
      'finder',
      '--json',
      '--limit',
      '1',
      'DEPLOY*',
    ]);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const [result, ...rest] = json.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ type: 'result', target: 'notes', kind: 'chat', from: 'poster' });
    expect(result.snippet).toContain('\x1b[2Jwith escapes');
    expect(result.parts).toContainEqual({ text: 'deployed', match: true });

    // Searching joined nothing: no join or leave notice of the finder.
    expect(watcher.lines().filter((line) => line.includes('finder'))).toEqual([]);
    watcher.child.kill('SIGTERM');
    expect(await watcher.exited).toBe(0);
  });

  it('searches every room of a logged-in account and its direct messages, with no --room', async () => {
    const laptop = await computer();
    expect(
      (await laptop.run(['register', '--name', 'alice', '--password-stdin'], 'correct horse battery\n')).code,
    ).toBe(0);
    // Following a room makes it the account's.
    const follower = laptop.tail(['--room', 'ops', '--name', 'alice']);
    await follower.waitFor(/-- alice joined/);
    expect((await laptop.run(['send', '--room', 'ops', '--name', 'bob', 'release 2.0 is out'])).code).toBe(0);
    expect((await laptop.run(['send', '--to', 'alice', '--name', 'carol', 'the release notes?'])).code).toBe(
      0,
    );
    expect((await laptop.run(['send', '--room', 'elsewhere', '--name', 'bob', 'release party'])).code).toBe(
      0,
    );
    const found = await laptop.run(['search', '--name', 'alice', 'release']);
    expect(found.stderr).toBe('');
    const lines = found.stdout.split('\n').filter(Boolean);
    expect(lines.map((line) => line.replace(/^\S+ \S+ /, ''))).toEqual([
      '@carol <carol> the release notes?',
      '#ops <bob> release 2.0 is out',
    ]);
    follower.child.kill('SIGTERM');
  });

  it('says what is wrong: a bad query, a guest with no room, a bad limit', async () => {
    const shell = await computer();
    const bad = await shell.run(['search', '--room', 'dev', '--name', 'finder', 'color:red']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^aurora-chat: the search failed: unknown filter "color:".*\[bad_query\]\n$/);
    const guest = await shell.run(['search', '--name', 'finder', 'anything']);
    expect(guest.code).toBe(2);
    expect(guest.stderr).toMatch(/needs a room \(--room\) unless you are logged in.*\[bad_usage\]/);
    const limit = await shell.run(['search', '--room', 'dev', '--limit', '5000', 'x']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toMatch(/--limit takes a whole number/);
  });
});
