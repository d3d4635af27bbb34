import type { ChatAction, ChatConnection, ChatState, Clock, Command, PasswordPrompt } from 'aurora-client';
import { handedOverPrefs, lastSeq, ReadMarkers } from 'aurora-client';
import { LIMITS, sameName } from 'aurora-protocol';

/** The account side of the chat actions: log-in commands, the password prompt, read markers. */
export interface AccountActions {
  /** Runs `/register`, `/login`, `/logout` or `/password`. */
  run(command: Extract<Command, { type: 'register' | 'login' | 'logout' | 'password' }>): void;
  /** The password typed at the prompt (masked in the input, never kept in its history). */
  password(secret: string): void;
  /** Leaves the password prompt without sending anything. */
  cancelPassword(): void;
  /** The user sees the newest messages of a target: move the account's read marker there. */
  seen(target: string): void;
}

/** What the account actions act on. */
export interface AccountActionDeps {
  readonly connection: ChatConnection;
  readonly dispatch: (action: ChatAction) => void;
  readonly getState: () => ChatState;
  readonly clock: Clock;
  readonly notice: (text: string, tone?: 'info' | 'error') => void;
}

const CANCELLED = 'Cancelled; nothing was sent.';

/**
 * Builds the account actions. The passwords typed so far for one request (the current one, the
 * first of a new one) wait here, never in the state, and are forgotten once it is sent or cancelled.
 */
export function createAccountActions(deps: AccountActionDeps): AccountActions {
  const { connection, dispatch, getState, notice } = deps;
  const markers = new ReadMarkers((target, seq) => connection.markRead(target, seq), deps.clock);
  let markersFor: string | undefined;
  let firstPassword: string | undefined;
  let change: { current?: string; readonly keepSessions: boolean } | undefined;

  const prompt = (value: PasswordPrompt | undefined) => dispatch({ type: 'prompt', prompt: value });
  const ask = (purpose: 'login' | 'register', name: string) => {
    const account = getState().account;
    firstPassword = undefined;
    if (account !== undefined && sameName(account, name)) notice(`You are logged in as ${account}.`);
    else prompt({ purpose, name, step: 'password' });
  };

  /**
   * A new password is asked twice; one out of bounds or a second one that differs asks again.
   * `chosen` gets it once both agree.
   */
  const newPassword = (asked: PasswordPrompt, secret: string, chosen: (password: string) => void) => {
    const length = [...secret].length;
    const first = firstPassword;
    firstPassword = undefined;
    if (length < LIMITS.minPasswordLength || length > LIMITS.maxPasswordLength) {
      const bounds = `${LIMITS.minPasswordLength} to ${LIMITS.maxPasswordLength}`;
      notice(`A password needs ${bounds} characters; type another (Esc cancels).`, 'error');
      prompt({ ...asked, step: 'password' });
    } else if (first === undefined) {
      firstPassword = secret;
      prompt({ ...asked, step: 'repeat' });
    } else if (first !== secret) {
      notice('The two passwords differ; type the new password again (Esc cancels).', 'error');
      prompt({ ...asked, step: 'password' });
    } else {
      prompt(undefined);
      chosen(secret);
    }
  };
  const register = (asked: PasswordPrompt, secret: string) =>
    newPassword(asked, secret, (password) => {
      notice(`Registering ${asked.name}…`);
      // A guest registering its own name keeps the mutes, levels and keywords it set meanwhile.
      const { account, me, prefs } = getState();
      const own = account === undefined && sameName(asked.name, me);
      connection.register(asked.name, password, own ? handedOverPrefs(prefs) : undefined);
    });
  /** `/password`: the current password first, then the new one twice. */
  const changePassword = (asked: PasswordPrompt, secret: string) => {
    if (change === undefined) return prompt(undefined);
    if (asked.step === 'current') {
      change.current = secret;
      return prompt({ ...asked, step: 'password' });
    }
    const { current = '', keepSessions } = change;
    newPassword(asked, secret, (password) => {
      change = undefined;
      notice('Changing the password…');
      connection.changePassword(current, password, keepSessions);
    });
  };
  const cancel = () => {
    firstPassword = undefined;
    change = undefined;
    prompt(undefined);
    notice(CANCELLED);
  };

  return {
    run: (command) => {
      const state = getState();
      if (command.type === 'register' || command.type === 'login')
        ask(command.type, command.name ?? state.me);
      else if (state.account === undefined) notice('You are not logged in (you are a guest).', 'error');
      else if (command.type === 'logout') connection.logout(command.everywhere);
      else {
        firstPassword = undefined;
        change = { keepSessions: command.keepSessions };
        prompt({ purpose: 'password', name: state.account, step: 'current' });
      }
    },
    password: (secret) => {
      const asked = getState().prompt;
      if (!asked) return;
      if (secret === '') cancel();
      else if (asked.purpose === 'register') register(asked, secret);
      else if (asked.purpose === 'password') changePassword(asked, secret);
      else {
        prompt(undefined);
        notice(`Logging in as ${asked.name}…`);
        connection.login(asked.name, secret);
      }
    },
    cancelPassword: cancel,
    seen: (key) => {
      const state = getState();
      const target = state.targets[key];
      if (state.account === undefined || state.status.state !== 'online' || target?.kind === 'home') return;
      if (markersFor !== state.account) markers.reset();
      markersFor = state.account;
      const seq = target && lastSeq(target.items);
      if (seq === undefined || seq <= target!.readSeq) return;
      markers.mark(key, seq);
      dispatch({ type: 'marked-read', target: key, seq });
    },
  };
}
