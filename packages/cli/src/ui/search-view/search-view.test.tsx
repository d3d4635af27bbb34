import type { SearchHit } from 'aurora-protocol';
import { chat, error, joined } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderChat } from '../../testing/render-chat.js';

afterEach(() => cleanup());

const ESC = '\x1b';

const hit = (target: string, seq: number, text: string): SearchHit => ({
  target,
  seq,
  id: `m_${target}_${seq}`,
  kind: 'chat',
  from: 'bob',
  ts: Date.UTC(2026, 2, 3, 12, 0, 0) + seq * 60_000,
  snippet: [{ text: `${text} ` }, { text: 'deploy', match: true }],
});

/** The client's latest search request. */
const lastSearch = (app: ReturnType<typeof renderChat>) => app.sockets.last().sentOf('search').at(-1)!;

describe('the /search view', () => {
  it('lists the results over the transcript, and Esc returns to the room as it was', async () => {
    const app = renderChat({ size: { columns: 60, rows: 12 } });
    await app.server.accept(joined('dev', { history: [chat(1, 'bob', 'hello there')] }));
    await app.type('/search deploy');
    await app.press(KEYS.enter);
    expect(app.screen()).toContain('Searching…');
    const request = lastSearch(app);
    expect(request).toMatchObject({ query: 'deploy', limit: 50 });
    await app.server.send({
      type: 'search_results',
      ref: request.ref!,
      results: [hit('dev', 9, 'we'), hit('dev', 4, 'then')],
    });
    expect(app.screen()).toContain('Search: deploy — 2 results');
    expect(app.screen()).toMatch(/03-03 12:09 #dev <bob> we deploy/);
    expect(app.screen()).not.toContain('hello there');
    await app.press(ESC);
    expect(app.screen()).toContain('hello there');
    expect(app.screen()).not.toContain('Search: deploy');
  });

  it('shows the server refusal of a bad query, and says when nothing matched', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'));
    await app.type('/search colour:red');
    await app.press(KEYS.enter);
    await app.server.send(error('bad_query', 'unknown filter "colour:"', { ref: lastSearch(app).ref! }));
    expect(app.screen()).toContain('unknown filter "colour:"');
    await app.press(ESC);
    await app.type('/search nothing');
    await app.press(KEYS.enter);
    await app.server.send({ type: 'search_results', ref: lastSearch(app).ref!, results: [] });
    expect(app.screen()).toContain('No messages match nothing.');
  });

  it('Enter on a result in a room this connection is not in joins it and loads the history around it', async () => {
    const app = renderChat({ size: { columns: 80, rows: 16 } });
    await app.server.accept(joined('dev'));
    await app.type('/search deploy');
    await app.press(KEYS.enter);
    await app.server.send({
      type: 'search_results',
      ref: lastSearch(app).ref!,
      results: [hit('dev', 9, 'we'), hit('ops', 120, 'old')],
    });
    await app.press(KEYS.down, KEYS.enter);
    expect(
      app.sockets
        .last()
        .sentOf('join')
        .map((j) => j.room),
    ).toContain('ops');
    await app.server.send(
      joined('ops', { history: [chat(400, 'carol', 'latest in ops', { room: 'ops' })], more: true }),
    );
    // 40 before it and 10 after it, in one page (the top of the one line shown asks for older too).
    expect(app.sockets.last().sentOf('history')).toContainEqual(
      expect.objectContaining({ target: 'ops', before: 131, limit: 51 }),
    );
    const around = Array.from({ length: 51 }, (_, i) =>
      chat(80 + i, 'bob', i + 80 === 120 ? 'the old deploy' : `ops line ${80 + i}`, { room: 'ops' }),
    );
    await app.server.send({ type: 'history', target: 'ops', messages: around, more: true });
    const screen = app.screen();
    expect(screen.split('\n')[0]).toContain('#ops');
    expect(screen).toMatch(/ops line 119[\s\S]*the old deploy[\s\S]*ops line 121/);
  });
});
