import { ErrorCode } from 'aurora-protocol';

/**
 * The sentence the join screen shows when joining failed, saying what to do next. `code` is a
 * protocol error code, or `unreachable` / `closed` from the connection; unknown codes show the
 * server's own message.
 */
export function describeJoinError(code: string, serverMessage: string, nick: string): string {
  switch (code) {
    case ErrorCode.NameTaken:
      return `Someone is already using the name “${nick}”. Choose another name.`;
    case ErrorCode.NameRegistered:
      return `The name “${nick}” belongs to a registered account. Choose another name.`;
    case ErrorCode.NameInvalid:
      return `That name cannot be used. ${serverMessage}`;
    case ErrorCode.UnsupportedVersion:
      return 'This page is older than the server. Reload the page to get the current version.';
    case ErrorCode.RateLimited:
      return 'Too many attempts. Wait a moment, then try again.';
    default:
      return serverMessage;
  }
}
