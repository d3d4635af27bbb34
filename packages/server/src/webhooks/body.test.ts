import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { LIMITS } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { readBody, webhookText } from './body.js';

const text = (type: string | undefined, body: string | Buffer) =>
  webhookText(type, typeof body === 'string' ? Buffer.from(body) : body);

describe('webhookText', () => {
  it('reads JSON, forms and plain text', () => {
    expect(text('application/json', '{"text":"build **412** passed"}')).toEqual({
      text: 'build **412** passed',
    });
    expect(text('application/json; charset=utf-8', '{"text":"é"}')).toEqual({ text: 'é' });
    expect(text('application/x-www-form-urlencoded', 'text=build+412+%E2%9C%93&x=1')).toEqual({
      text: 'build 412 ✓',
    });
    expect(text('text/plain', 'deployed\n')).toEqual({ text: 'deployed' });
    expect(text(undefined, 'two\nlines')).toEqual({ text: 'two\nlines' });
  });

  it('reads JSON sent as a form, as `curl -d` sends it', () => {
    expect(text('application/x-www-form-urlencoded', '{"text":"build **412** passed"}')).toEqual({
      text: 'build **412** passed',
    });
  });

  it('refuses bad bodies with a stable code', () => {
    const code = (type: string | undefined, body: string | Buffer) => {
      const result = text(type, body);
      return 'code' in result ? [result.status, result.code] : result;
    };
    expect(code('application/json', '{"text":')).toEqual([400, 'bad_body']);
    expect(code('application/json', '{"text":3}')).toEqual([400, 'bad_body']);
    expect(code('application/json', '["text"]')).toEqual([400, 'bad_body']);
    expect(code('application/x-www-form-urlencoded', 'message=hi')).toEqual([400, 'bad_body']);
    expect(code('text/plain', Buffer.from([0x68, 0xff]))).toEqual([400, 'bad_body']);
    expect(code('application/json', '{"text":"  "}')).toEqual([400, 'empty_text']);
    expect(code('text/plain', '')).toEqual([400, 'empty_text']);
    expect(code('image/png', 'hi')).toEqual([415, 'unsupported_media_type']);
    expect(code('text/plain', 'x'.repeat(LIMITS.maxTextBytes + 1))).toEqual([413, 'text_too_long']);
    expect(text('text/plain', 'x'.repeat(LIMITS.maxTextBytes))).toHaveProperty('text');
  });
});

describe('readBody', () => {
  const request = (chunks: string[], headers: Record<string, string> = {}) =>
    Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), {
      headers,
    }) as unknown as IncomingMessage;

  it('reads a body up to the limit', async () => {
    expect(String(await readBody(request(['ab', 'cd']), 4))).toBe('abcd');
  });

  it('stops as soon as the body is over the limit', async () => {
    expect(await readBody(request(['abc', 'de', 'never read']), 4)).toBe('too_large');
  });

  it('refuses a declared length over the limit without reading', async () => {
    const req = request(['a'], { 'content-length': '5' });
    expect(await readBody(req, 4)).toBe('too_large');
    expect(req.readableEnded).toBe(false);
  });
});
