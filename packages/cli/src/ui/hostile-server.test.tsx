import { chat, joined } from 'aurora-testkit';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { renderChat } from '../testing/render-chat.js';

// What a broken or hostile server sends must never stop the chat or grow it without bound.

afterEach(() => cleanup());

const deep = (open: string, close: string, n = 100_000) => open.repeat(n) + close.repeat(n);

describe('a hostile server', () => {
  it('cannot stop the chat with deeply nested frames: they are dropped, said once', async () => {
    const app = renderChat();
    await app.server.accept(joined('dev'), chat(1, 'bob', 'before'));
    for (const frame of [deep('[', ']'), deep('{"a":', '}'), `{"type":${deep('[', ']')}}`])
      app.sockets.last().deliverRaw(frame);
    await app.server.send(chat(2, 'bob', 'after the garbage'));
    const screen = app.screen();
    expect(screen).toContain('after the garbage');
    expect(screen.match(/cannot read/g)).toHaveLength(1);
    expect(screen).toContain('online');
  });

  it('cannot make the chat keep 1 MiB texts: each is cut at the limit, marked', async () => {
    const app = renderChat({ size: { columns: 80, rows: 12 } });
    await app.server.accept(joined('dev'));
    for (let seq = 1; seq <= 25; seq++) app.server.sendNow(chat(seq, 'bob', `${seq} ${'x'.repeat(1 << 20)}`));
    await app.settle();
    expect(app.screen()).toMatch(/x… \[cut: 1048579 bytes\]/);
    expect(app.screen()).toContain('online');
  });
});
