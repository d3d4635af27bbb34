import type { PasswordPrompt } from './chat-state.js';

// The sentences that tell people about their account session, shared by the chat and the commands
// so that both say the same thing. `how` picks the way to log in that fits where they are.

/** Where the user would log in again: the `aurora-chat login` command, or `/login` in the chat. */
export type LoginWay = 'command' | 'chat';

/** How to log in as `name`. */
export function loginCommand(name: string, how: LoginWay): string {
  return how === 'chat' ? `/login ${name}` : `aurora-chat login --name ${name}`;
}

/** A stored session stopped working (expired, or logged out while this client was away). */
export function sessionEndedText(name: string, server: string, how: LoginWay): string {
  return `your session for ${name} on ${server} ended; log in again with ${loginCommand(name, how)}`;
}

/** A session was logged out by another device (close code 4002 without a log-out from here). */
export function loggedOutElsewhereText(name: string, server: string, how: LoginWay): string {
  return `your session for ${name} on ${server} was logged out from another device; log in again with ${loginCommand(name, how)}`;
}

/** The server refused a guest a registered name: its words, then how to log in instead. */
export function nameRegisteredText(serverMessage: string, name: string, how: LoginWay): string {
  return `${serverMessage} (to log in: ${loginCommand(name, how)})`;
}

/** What the masked input asks for at each step of a password prompt (the name is the server's: sanitize it). */
export function passwordPromptLabel(prompt: PasswordPrompt): string {
  if (prompt.step === 'repeat') return 'repeat the password';
  if (prompt.step === 'current') return `current password for ${prompt.name}`;
  return prompt.purpose === 'password' ? 'new password' : `password for ${prompt.name}`;
}

/** The server confirmed a new password; `sessionsEnded`: the account's other sessions ended. */
export function passwordChangedText(sessionsEnded: boolean): string {
  return sessionsEnded
    ? 'Password changed. Your other devices are logged out; they log in with the new password.'
    : 'Password changed. Your other devices stay logged in.';
}

/** The server deleted the account; its name is held from registration until `heldUntil`. */
export function accountDeletedText(account: string, heldUntil: number): string {
  const day = new Date(heldUntil).toISOString().slice(0, 10);
  return `The account ${account} is deleted; its messages stay. Nobody can register the name before ${day}.`;
}
