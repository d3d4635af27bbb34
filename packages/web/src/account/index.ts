import { LIMITS } from 'aurora-protocol';
import { h } from '../ui/dom.js';
import { field } from '../ui/field.js';

// `/password` in the page, loaded on first use as a bundle of its own (see build.mjs): a dialog that
// asks for the current password and the new one twice. Passwords never pass through the composer,
// whose history would keep them; they go from the dialog's fields to the engine and are dropped.

/** What the dialog hands over once the new password is typed twice alike. */
export interface PasswordChange {
  readonly current: string;
  readonly next: string;
  readonly keepSessions: boolean;
}

/** What the dialog needs from the page. */
export interface PasswordDialogDeps {
  /** Where the dialog is added while open. */
  readonly root: HTMLElement;
  /** The account's name, for the title. */
  readonly account: string;
  /** `/password --keep-sessions`: the box starts ticked. */
  readonly keepSessions: boolean;
  /** Sends the change (the server answers with a notice in the conversation). */
  change(request: PasswordChange): void;
  /** Called when the dialog closes, sent or cancelled (focus goes back to the composer). */
  closed(): void;
}

/**
 * Opens the dialog: Escape or Cancel closes it with nothing sent; a new password out of bounds, or a
 * repeat that differs, is said beside its field and nothing is sent.
 */
export function askPasswordChange(deps: PasswordDialogDeps): void {
  const fields = {
    current: field('password-current', 'Current password', {
      type: 'password',
      autocomplete: 'current-password',
    }),
    next: field('password-next', 'New password', { type: 'password', autocomplete: 'new-password' }),
    repeat: field('password-repeat', 'New password again', {
      type: 'password',
      autocomplete: 'new-password',
    }),
  };
  const keep = h('input', { type: 'checkbox', id: 'password-keep', checked: deps.keepSessions });
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, `Change the password of ${deps.account}`),
    fields.current.node,
    fields.next.node,
    fields.repeat.node,
    h(
      'p',
      { class: 'field' },
      keep,
      h('label', { for: 'password-keep' }, ' Keep my other devices logged in'),
    ),
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'button', value: 'cancel' }, 'Cancel'),
      h('button', { type: 'submit', value: 'change' }, 'Change password'),
    ),
  );
  const dialog = h('dialog', { class: 'password-dialog', 'aria-label': 'Change password' }, form);
  const close = () => {
    dialog.close();
    dialog.remove();
    deps.closed();
  };
  form.querySelector('button[value="cancel"]')!.addEventListener('click', close);
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    close();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const [current, next, repeat] = [fields.current, fields.next, fields.repeat].map((f) => f.input.value);
    const length = [...next!].length;
    const bad =
      length < LIMITS.minPasswordLength || length > LIMITS.maxPasswordLength
        ? `A password needs ${LIMITS.minPasswordLength} to ${LIMITS.maxPasswordLength} characters.`
        : '';
    fields.next.setError(bad);
    fields.repeat.setError(!bad && repeat !== next ? 'The two new passwords differ.' : '');
    if (!current) fields.current.setError('Type your current password.');
    else fields.current.setError('');
    if (bad || repeat !== next || !current) return;
    deps.change({ current, next: next!, keepSessions: keep.checked });
    close();
  });
  deps.root.appendChild(dialog);
  dialog.showModal();
  fields.current.input.focus();
}
