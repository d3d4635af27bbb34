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
