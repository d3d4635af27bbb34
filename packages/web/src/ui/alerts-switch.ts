import { h, setText } from './dom.js';
import { ALERTS_KEY } from './local-memory.js';

/** The control that turns desktop notifications on and off in this browser. */
export interface AlertsSwitch {
  readonly element: HTMLElement;
  /** Whether the person turned notifications on and the browser still allows them. */
  on(): boolean;
}

/**
 * "Enable notifications": the browser is asked for permission only when the person clicks it,
 * never on load. `changed` hears each choice (the attention part keeps it and says what it means);
 * the button is hidden where there is no Notifications API (an iPhone's Safari outside a home-screen app).
 */
export function createAlertsSwitch(
  changed: (on: boolean, permission: NotificationPermission) => void,
): AlertsSwitch {
  const api = typeof Notification === 'undefined' ? undefined : Notification;
  let wanted = false;
  try {
    wanted = localStorage.getItem(ALERTS_KEY) === 'on';
  } catch {
    // Without storage notifications start off on every visit.
  }
  const on = () => wanted && api?.permission === 'granted';
  const button = h('button', { type: 'button', class: 'link-button', hidden: !api });
  const show = () => setText(button, on() ? 'Turn off notifications' : 'Enable notifications');
  const choose = (value: boolean, permission: NotificationPermission) => {
    wanted = value;
    show();
    changed(value, permission);
  };
  button.addEventListener('click', () => {
    // Asked here, in the click, as browsers require (and as people expect).
    if (on()) choose(false, 'granted');
    else void api?.requestPermission().then((permission) => choose(permission === 'granted', permission));
  });
  show();
  return { element: h('div', { class: 'alerts-row' }, button), on };
}
