import { safeHref } from 'aurora-protocol';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL to put in a link's `href`, or undefined when it must stay text. The formatter only marks
 * http, https and mailto URLs as links; this checks again with the browser's own URL parser, so a
 * formatter bug cannot turn into a `javascript:` link.
 */
export function linkHref(href: string): string | undefined {
  if (safeHref(href) === undefined) return undefined;
  try {
    const url = new URL(href);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
