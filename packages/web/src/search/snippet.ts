import type { SnippetPart } from 'aurora-protocol';

/** The two ways the snippet makes nodes: the page's `document`, or a stand-in in tests. */
export interface NodeMaker {
  createTextNode(text: string): Node;
  createElement(tag: 'mark'): HTMLElement;
}

/**
 * Longest snippet shown, in UTF-16 code units: the server keeps its snippets to about 200
 * characters around the first match, and a server that sends more must not fill the panel.
 */
export const MAX_SNIPPET = 400;

/**
 * A search result's snippet as nodes: each piece a text node, the matching ones inside `<mark>`.
 * The text is remote: it only ever becomes text nodes, never markup. Line breaks become spaces, so
 * one result stays a few lines.
 */
export function snippetNodes(parts: readonly SnippetPart[], maker: NodeMaker = document): Node[] {
  const nodes: Node[] = [];
  let room = MAX_SNIPPET;
  let cut = false;
  for (const part of parts) {
    let text = part.text.replace(/\s+/g, ' ');
    if (text.length > room) {
      cut = true;
      // Never half of a surrogate pair.
      const high = text.charCodeAt(room - 1) >= 0xd800 && text.charCodeAt(room - 1) <= 0xdbff;
      text = text.slice(0, high ? room - 1 : room);
    }
    room -= text.length;
    if (text !== '') {
      const node = maker.createTextNode(text);
      if (part.match) {
        const mark = maker.createElement('mark');
        mark.appendChild(node);
        nodes.push(mark);
      } else nodes.push(node);
    }
    if (cut) break;
  }
  if (cut) nodes.push(maker.createTextNode('…'));
  return nodes;
}
