import { describe, expect, it } from 'vitest';
import { linkHref } from './safe-link.js';

describe('linkHref', () => {
  it('allows http, https and mailto links', () => {
    expect(linkHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(linkHref('http://example.com')).toBe('http://example.com/');
    expect(linkHref('mailto:ops@example.com')).toBe('mailto:ops@example.com');
  });

  it('refuses every other scheme, however it is spelled', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example',
      'https://exa mple.com',
      'http://\u0000evil',
    ])
      expect(linkHref(href), href).toBeUndefined();
  });
});
