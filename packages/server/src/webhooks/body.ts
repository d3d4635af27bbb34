import type { IncomingMessage } from 'node:http';
import { LIMITS, textProblem } from 'aurora-protocol';
import { WebhookErrorCode, type WebhookRefusal } from './errors.js';

/**
 * Reads a request body of at most `maxBytes`, or answers `too_large` as soon as it is known to be
 * more (from Content-Length, or from what has arrived): a body is never held past the limit.
 */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return 'too_large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The message text of a webhook body: JSON `{"text": ...}`, a form with `text=...`, or plain text
 * (no or any `text/*` content type). A form body that starts with `{` is read as JSON, because
 * that is what `curl -d '{"text": ...}'` sends without a content type. The text then meets the rule
 * of every message (`textProblem`).
 */
export function webhookText(
  contentType: string | undefined,
  body: Buffer,
): { text: string } | WebhookRefusal {
  let raw: string;
  try {
    raw = UTF8.decode(body);
  } catch {
    return bad('the body is not UTF-8 text');
  }
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let text: string | WebhookRefusal;
  if (type === 'application/json') text = jsonText(raw);
  else if (type === 'application/x-www-form-urlencoded')
    text = raw.trimStart().startsWith('{') ? jsonText(raw) : formText(raw);
  else if (type === '' || type.startsWith('text/')) text = raw.replace(/\r?\n$/, '');
  else
    return {
      status: 415,
      code: WebhookErrorCode.UnsupportedType,
      message: 'send application/json {"text": "..."}, a form with text=..., or text/plain',
    };
  if (typeof text !== 'string') return text;
  const problem = textProblem(text);
  if (problem === 'empty') return { status: 400, code: WebhookErrorCode.EmptyText, message: 'text is empty' };
  if (problem === 'too_long')
    return {
      status: 413,
      code: WebhookErrorCode.TextTooLong,
      message: `text is longer than ${LIMITS.maxTextBytes} bytes`,
    };
  return { text };
}

function jsonText(raw: string): string | WebhookRefusal {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return bad('the body is not valid JSON');
  }
  const text =
    typeof parsed === 'object' && parsed !== null ? (parsed as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : bad('the JSON body needs a string "text"');
}

function formText(raw: string): string | WebhookRefusal {
  return new URLSearchParams(raw).get('text') ?? bad('the form needs a text field');
}

function bad(message: string): WebhookRefusal {
  return { status: 400, code: WebhookErrorCode.BadBody, message };
}
