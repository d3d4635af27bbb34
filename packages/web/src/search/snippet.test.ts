import type { SnippetPart } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { MAX_SNIPPET, type NodeMaker, snippetNodes } from './snippet.js';

/** A stand-in for the page's document: records what was made, and writes it out as a browser would. */
class FakeNode {
  readonly children: FakeNode[] = [];
  constructor(
    readonly tag: string | undefined,
    readonly text = '',
  ) {}
  appendChild(child: FakeNode): FakeNode {
    this.children.push(child);
    return child;
  }
}

const maker = {
  createTextNode: (text: string) => new FakeNode(undefined, text),
  createElement: (tag: string) => new FakeNode(tag),
} as unknown as NodeMaker;

/** What `innerHTML` would read: text escaped, elements as tags. */
function html(node: FakeNode): string {
  if (node.tag === undefined)
    return node.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<${node.tag}>${node.children.map(html).join('')}</${node.tag}>`;
}
const render = (parts: SnippetPart[]) =>
  (snippetNodes(parts, maker) as unknown as FakeNode[]).map(html).join('');

describe('snippetNodes', () => {
  it('marks the matching pieces and leaves the rest as text', () => {
    expect(render([{ text: 'ship the ' }, { text: 'deploy', match: true }, { text: ' today' }])).toBe(
      'ship the <mark>deploy</mark> today',
    );
  });

  it('keeps remote markup as text: no element but <mark> is ever made', () => {
    const parts: SnippetPart[] = [
      { text: '<img src=x onerror="alert(1)"> ' },
      { text: '<script>alert(2)</script>', match: true },
      { text: ' &amp; <b>bold</b>' },
    ];
    const nodes = snippetNodes(parts, maker) as unknown as FakeNode[];
    const tags = (node: FakeNode): string[] => [
      ...(node.tag ? [node.tag] : []),
      ...node.children.flatMap(tags),
    ];
    expect(nodes.flatMap(tags)).toEqual(['mark']);
    expect(render(parts)).toBe(
      '&lt;img src=x onerror="alert(1)"&gt; <mark>&lt;script&gt;alert(2)&lt;/script&gt;</mark> &amp;amp; &lt;b&gt;bold&lt;/b&gt;',
    );
  });

  it('shows line breaks and runs of spaces as one space', () => {
    expect(render([{ text: 'one\n\ntwo\t ' }, { text: 'three', match: true }])).toBe(
      'one two <mark>three</mark>',
    );
  });

  it('cuts a snippet longer than it shows, with an ellipsis, never inside a surrogate pair', () => {
    const long = render([{ text: 'a'.repeat(MAX_SNIPPET + 50) }, { text: 'later', match: true }]);
    expect(long).toBe(`${'a'.repeat(MAX_SNIPPET)}…`);
    const emoji = render([{ text: `${'a'.repeat(MAX_SNIPPET - 1)}😀 more` }]);
    expect(emoji).toBe(`${'a'.repeat(MAX_SNIPPET - 1)}…`);
  });

  it('makes nothing of empty pieces', () => {
    expect(render([{ text: '' }, { text: 'x', match: true }, { text: '' }])).toBe('<mark>x</mark>');
  });
});
