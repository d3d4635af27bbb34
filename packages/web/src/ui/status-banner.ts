import type { ChatState } from 'aurora-client';
import { connectionView } from '../core/page-state.js';
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
      const { status } = state;
      const view = connectionView(status);
      const down = view === 'reconnecting' || view === 'offline';
      element.hidden = !down;
      if (!down) return;
      const retryAt = status.state === 'reconnecting' ? status.retryAt : undefined;
      const reason = status.state === 'reconnecting' ? status.reason : '';
      const detail = reason ? `${reason[0]!.toUpperCase()}${reason.slice(1)}.` : 'The connection was lost.';
      const seconds = retryAt === undefined ? 0 : Math.ceil((retryAt - now) / 1000);
      const when = seconds > 0 ? `Reconnecting in ${seconds} s.` : 'Reconnecting…';
      let pending = 0;
      for (const target of Object.values(state.targets))
        pending += target.pending.filter((p) => p.state !== 'failed').length;
      const queued =
        pending > 0 ? ` ${pending} message${pending === 1 ? '' : 's'} will be sent when back.` : '';
      setText(text, `${detail} ${when}${queued} `);
      button.hidden = seconds <= 0;
    },
  };
}
