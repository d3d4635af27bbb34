import type { ChatState } from '../core/chat-state.js';
import { h, setText } from './dom.js';

/** The line under the top bar while the connection is down: why, when it retries, and a button. */
export interface StatusBanner {
  readonly element: HTMLElement;
  render(state: ChatState, now: number): void;
}

/** Creates the banner; `reconnect` skips the wait. */
export function createStatusBanner(reconnect: () => void): StatusBanner {
  const text = h('span', {});
  const button = h('button', { type: 'button', class: 'link-button' }, 'Reconnect now');
  button.addEventListener('click', reconnect);
  const element = h('div', { class: 'banner', role: 'status', hidden: true }, text, button);
  return {
    element,
    render(state, now) {
      const { status, detail, retryAt } = state.connection;
      const down = state.screen === 'chat' && (status === 'reconnecting' || status === 'offline');
      element.hidden = !down;
      if (!down) return;
      const seconds = retryAt === undefined ? 0 : Math.ceil((retryAt - now) / 1000);
      const when = seconds > 0 ? `Reconnecting in ${seconds} s.` : 'Reconnecting…';
      const pending = state.pending.filter((p) => p.failure === undefined).length;
      const queued =
        pending > 0 ? ` ${pending} message${pending === 1 ? '' : 's'} will be sent when back.` : '';
      setText(text, `${detail ?? 'The connection was lost.'} ${when}${queued} `);
      button.hidden = seconds <= 0;
    },
  };
}
