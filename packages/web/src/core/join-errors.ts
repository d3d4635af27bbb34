import { ErrorCode, LIMITS } from 'aurora-protocol';

/** How the person tried to join: as a guest, logging in, signing up, or with a stored log-in. */
export type JoinAttempt = 'guest' | 'login' | 'signup' | 'session';

/**
 * The sentence the join screen shows when joining failed, saying what to do next. `code` is a
 * protocol error code, or `unreachable` / `closed` / `logged_out` from the connection; unknown codes
 * show the server's own message.
 */
export function describeJoinError(
  code: string,
  serverMessage: string,
  nick: string,
  attempt: JoinAttempt,
): string {
  switch (code) {
    case ErrorCode.NameTaken:
      return attempt === 'session' || attempt === 'login'
        ? `A guest is using the name “${nick}” right now. Try again in a moment.`
        : `Someone is already using the name “${nick}”. Choose another name.`;
    case ErrorCode.NameRegistered:
      return attempt === 'signup'
        ? `“${nick}” is already registered. Log in instead, or choose another name.`
        : `The name “${nick}” belongs to a registered account. Log in, or choose another name.`;
    case ErrorCode.NameInvalid:
      return `That name cannot be used. ${serverMessage}`;
    case ErrorCode.AuthFailed:
      return attempt === 'login' ? 'Wrong name or password.' : 'Your log-in has ended. Log in again.';
    case ErrorCode.PasswordInvalid:
      return `A password needs ${LIMITS.minPasswordLength} to ${LIMITS.maxPasswordLength} characters.`;
    case 'logged_out':
      return 'You were logged out. Log in again to continue.';
    case ErrorCode.UnsupportedVersion:
      return 'This page is older than the server. Reload the page to get the current version.';
    case ErrorCode.RateLimited:
      return 'Too many attempts. Wait a moment, then try again.';
    default:
      return sentence(serverMessage);
  }
}

/** True when the failure means the stored log-in no longer works and should be forgotten. */
export function endsSession(code: string): boolean {
  return code === ErrorCode.AuthFailed || code === 'logged_out';
}

/** The server's words as a sentence: capitalised, with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return 'Joining failed. Try again.';
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
