import { describe, expect, it } from 'vitest';
import { ErrorCode } from './errors.js';
import { RECONNECT_GRACE_MS, RECONNECT_RETRY_MS, retryAfterReconnect } from './send-retry.js';

describe('retryAfterReconnect', () => {
  it('retries a direct message to someone not back yet, for the grace after a reconnect', () => {
    expect(retryAfterReconnect(ErrorCode.NoSuchUser, 0)).toBe(RECONNECT_RETRY_MS);
    expect(retryAfterReconnect(ErrorCode.NoSuchUser, RECONNECT_GRACE_MS - 500)).toBe(500);
    expect(retryAfterReconnect(ErrorCode.NoSuchUser, RECONNECT_GRACE_MS)).toBeUndefined();
  });

  it('never retries on a first connection, nor codes that are final', () => {
    expect(retryAfterReconnect(ErrorCode.NoSuchUser, undefined)).toBeUndefined();
    expect(retryAfterReconnect(ErrorCode.BadMessage, 0)).toBeUndefined();
    expect(retryAfterReconnect(ErrorCode.NotInRoom, 0)).toBeUndefined();
  });
});
