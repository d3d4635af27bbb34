import { formatMessage, type Span } from 'aurora-protocol';
import { linkHref } from '../core/safe-link.js';
import { h } from './dom.js';

/**
 * Renders message text with the shared formatter: bold, italic, code and links, every piece of text
 * as a DOM text node. Links open in a new tab without telling the target where they came from.
 */
export function richText(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const span of formatMessage(text)) fragment.appendChild(renderSpan(span));
  return fragment;
}

function renderSpan(span: Span): Node {
  let node: Node = document.createTextNode(span.text);
  if (span.code) node = h('code', {}, node);
  if (span.italic) node = h('em', {}, node);
  if (span.bold) node = h('strong', {}, node);
  const href = span.href === undefined ? undefined : linkHref(span.href);
  if (href !== undefined) {
    const link = h('a', { target: '_blank', rel: 'noopener noreferrer' }, node);
    link.href = href;
    node = link;
  }
  return node;
}
