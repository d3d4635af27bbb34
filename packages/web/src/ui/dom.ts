// Tiny DOM helpers. Every string becomes a text node: remote text is never parsed as HTML.

/** A child for {@link h}: nodes as they are, strings as text nodes, falsy values skipped. */
export type Child = Node | string | null | undefined | false;

/** Attributes for {@link h}; `class` sets the class list, `false`/`undefined` leave an attribute out. */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children, strings as text nodes. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's content with text. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * Makes `parent`'s children the elements for `keys`, in order, reusing the element already shown for
 * a key (so focus, scroll anchors and screen-reader positions survive) and creating the rest.
 * `cache` remembers the element of each key between calls.
 */
export function syncChildren<T extends HTMLElement>(
  parent: HTMLElement,
  keys: readonly string[],
  cache: Map<string, T>,
  create: (key: string) => T,
): void {
  const wanted = new Set(keys);
  for (const [key, element] of cache) {
    if (!wanted.has(key)) {
      element.remove();
      cache.delete(key);
    }
  }
  let cursor: ChildNode | null = parent.firstChild;
  for (const key of keys) {
    let element = cache.get(key);
    if (!element) {
      element = create(key);
      cache.set(key, element);
    }
    if (element === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(element, cursor);
  }
}
