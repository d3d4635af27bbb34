import { h, setText } from './dom.js';

/** A labelled input with its error line. */
export function field(id: string, label: string, attributes: Record<string, string>, prefix?: string) {
  const input = h('input', { ...attributes, id, 'aria-describedby': `${id}-error` });
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const box = prefix
    ? h('div', { class: 'prefixed' }, h('span', { 'aria-hidden': 'true' }, prefix), input)
    : input;
  return {
    input,
    node: h('div', { class: 'field' }, h('label', { for: id }, label), box, error),
    setError(message: string) {
      setText(error, message);
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
  };
}
