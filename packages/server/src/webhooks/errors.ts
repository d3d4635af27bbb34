/** What a webhook request can be refused for: `code` in the JSON body of every non-2xx answer. */
export const WebhookErrorCode = {
  /** 404: no webhook with this id, or the secret is wrong (the two look the same on purpose). */
  NotFound: 'webhook_not_found',
  /** 405: webhooks take POST only. */
  MethodNotAllowed: 'method_not_allowed',
  /** 400: the body is not JSON with a string `text`, a form with `text`, or UTF-8 text. */
  BadBody: 'bad_body',
  /** 400: the text is empty or only spaces. */
  EmptyText: 'empty_text',
  /** 413: the body is larger than the server reads (`--max-payload`). */
  BodyTooLarge: 'body_too_large',
  /** 413: the text is longer than a message may be (`maxTextBytes` of UTF-8). */
  TextTooLong: 'text_too_long',
  /** 415: a content type other than JSON, a form or plain text. */
  UnsupportedType: 'unsupported_media_type',
  /** 429: this webhook posts faster than its rate limit; `Retry-After` says when to try again. */
  RateLimited: 'rate_limited',
  /** 503: storage is unavailable; nothing was stored. */
  StoreUnavailable: 'store_unavailable',
} as const;

/** One of the {@link WebhookErrorCode} values. */
export type WebhookErrorCode = (typeof WebhookErrorCode)[keyof typeof WebhookErrorCode];

/** A refusal: the HTTP status, a stable code and a sentence for the operator. */
export interface WebhookRefusal {
  readonly status: number;
  readonly code: WebhookErrorCode;
  readonly message: string;
}
