import { durationText, type PrefsCommand } from 'aurora-client';
import { isMuted, type NotifyLevel, type NotifyPrefs, notifyLevel } from 'aurora-protocol';
import { h } from '../ui/dom.js';

/** One choice of the menu: the command it carries out, as if typed in the conversation. */
interface MenuChoice {
  readonly label: string;
  readonly command: PrefsCommand;
  /** For levels: whether it is the target's level now (a radio item). */
  readonly checked?: boolean;
}

const HOUR = 3_600_000;
const LEVELS: readonly [NotifyLevel, string][] = [
  ['all', 'Every message'],
  ['mentions', 'Mentions only'],
  ['none', 'Nothing'],
];

/** The menu's choices for `target` by its preferences at `now`: levels, mutes, and unmute when muted. */
export function menuChoices(prefs: NotifyPrefs, target: string, now: number): MenuChoice[] {
  const level = notifyLevel(prefs, target);
  const choices: MenuChoice[] = LEVELS.map(([value, label]) => ({
    label,
    command: { type: 'notify', level: value },
    checked: value === level,
  }));
  for (const hours of [1, 8, 24])
    choices.push({
      label: `Mute for ${durationText(hours * HOUR)}`,
      command: { type: 'mute', forMs: hours * HOUR },
    });
  choices.push({ label: 'Mute until unmuted', command: { type: 'mute' } });
  if (isMuted(prefs, target, now)) choices.push({ label: 'Unmute', command: { type: 'unmute' } });
  return choices;
}

/** A room menu as the page uses it. */
export interface RoomMenu {
  /** Opens the menu of `target` under its button, or closes it when it is open there. */
  toggle(anchor: HTMLElement, target: string, name: string): void;
}

/** What the menu reads and does. */
export interface RoomMenuDeps {
  readonly prefs: () => NotifyPrefs;
  readonly now: () => number;
  readonly choose: (command: PrefsCommand, target: string) => void;
}

/**
 * The notification menu of a room or conversation, the WAI-ARIA menu button pattern: it opens
 * under its button with focus on the first choice; arrows, Home and End move, Enter or Space
 * chooses, Escape and Tab close it and focus goes back to the button, as does a click elsewhere.
 */
export function createRoomMenu(deps: RoomMenuDeps): RoomMenu {
  let open: { anchor: HTMLElement; element: HTMLElement } | undefined;

  const close = (refocus: boolean) => {
    if (!open) return;
    const { anchor, element } = open;
    open = undefined;
    element.remove();
    anchor.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', outside, true);
    if (refocus) anchor.focus();
  };
  const outside = (event: Event) => {
    const node = event.target as Node;
    if (open && !open.element.contains(node) && !open.anchor.contains(node)) close(false);
  };

  function build(anchor: HTMLElement, target: string, name: string): HTMLElement {
    const now = deps.now();
    const prefs = deps.prefs();
    const until = prefs.mutes.find((mute) => mute.target === target)?.until;
    const state = isMuted(prefs, target, now)
      ? `Muted ${until === undefined ? 'until unmuted' : `for ${durationText(until - now)} more`}`
      : undefined;
    const items = menuChoices(prefs, target, now).map((choice) => {
      const item = h(
        'button',
        {
          type: 'button',
          role: choice.checked === undefined ? 'menuitem' : 'menuitemradio',
          'aria-checked': choice.checked === undefined ? undefined : String(choice.checked),
          tabindex: '-1',
        },
        choice.label,
      );
      item.addEventListener('click', () => {
        close(true);
        deps.choose(choice.command, target);
      });
      return item;
    });
    const element = h(
      'div',
      {
        class: 'room-menu',
        role: 'menu',
        'aria-label': `Notifications for ${name}${state ? `, ${state.toLowerCase()}` : ''}`,
      },
      h('p', { class: 'room-menu-heading', 'aria-hidden': 'true' }, 'Notify me of'),
      ...items.slice(0, 3),
      h('hr', { role: 'separator' }),
      state && h('p', { class: 'room-menu-state', 'aria-hidden': 'true' }, state),
      ...items.slice(3),
    );
    element.addEventListener('keydown', (event) => {
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      const go = (index: number) => items[(index + items.length) % items.length]?.focus();
      if (event.key === 'ArrowDown') go(at + 1);
      else if (event.key === 'ArrowUp') go(at - 1);
      else if (event.key === 'Home') go(0);
      else if (event.key === 'End') go(-1);
      else if (event.key === 'Escape' || event.key === 'Tab') close(true);
      else return;
      // Escape must not also close the drawer the menu is in; Tab lands back on the button.
      event.preventDefault();
      event.stopPropagation();
    });
    anchor.after(element);
    anchor.setAttribute('aria-expanded', 'true');
    items[0]?.focus();
    element.scrollIntoView({ block: 'nearest' });
    return element;
  }

  return {
    toggle(anchor, target, name) {
      const again = open?.anchor === anchor;
      close(again);
      if (again) return;
      open = { anchor, element: build(anchor, target, name) };
      document.addEventListener('pointerdown', outside, true);
    },
  };
}
