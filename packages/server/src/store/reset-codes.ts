/**
 * One-time password reset codes an admin issues (`aurora-server admin reset-password`). Only a hash
 * of each code is kept, as with session tokens; an account has at most one live code.
 */
export interface ResetCodeStore {
  /** Keeps a code's hash for an account for `lifetimeMs` from `now`, replacing its earlier code. */
  issueResetCode(accountKey: string, codeHash: string, now: number, lifetimeMs: number): Promise<void>;
  /**
   * Uses up the account's code when it is `codeHash` and still live at `now`: true exactly once,
   * however many connections or nodes try it at the same time; false for any other code.
   */
  redeemResetCode(accountKey: string, codeHash: string, now: number): Promise<boolean>;
}
