import type { ChatItem, PendingItem } from 'aurora-client';
import { ItemList } from 'aurora-client';
import { chat } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import {
  type Anchor,
  FOLLOW,
  type Measure,
  paneList,
  pinTopAnchor,
  revealAnchor,
  scrollBy,
  visibleWindow,
} from './scroll.js';

/** Messages 1..n; message k draws `linesOf(k)` lines named `k.0`, `k.1`, ... */
function world(n: number, linesOf: (seq: number) => number = () => 1, pending: PendingItem[] = []) {
  const items: ChatItem[] = Array.from({ length: n }, (_, i) => ({
    kind: 'message',
    order: (i + 1) * 1024,
    message: chat(i + 1, 'bob', `m${i + 1}`),
    mine: false,
    mention: false,
  }));
  return build(items, pending, linesOf);
}

function build(items: ChatItem[], pending: PendingItem[], linesOf: (seq: number) => number, height = 4) {
  const list = paneList(ItemList.of(items), pending);
  let drawn = 0;
  const measure = (h = height): Measure => ({
    list,
    height: h,
    lines: (i) => {
      drawn += 1;
      const item = list.itemAt(i);
      if (item.kind !== 'message') return ['pending'];
      return Array.from({ length: linesOf(item.message.seq) }, (_, l) => `${item.message.seq}.${l}`);
    },
  });
  return { items, list, measure, drawn: () => drawn };
}

const rows = (anchor: Anchor, measure: Measure) => visibleWindow(anchor, measure).rows;

describe('visibleWindow', () => {
  it('follows the newest lines, filling the pane from the bottom', () => {
    const { measure } = world(10);
    expect(rows(FOLLOW, measure())).toEqual(['7.0', '8.0', '9.0', '10.0']);
  });

  it('puts short content at the bottom, next to the input', () => {
    const { measure } = world(2);
    expect(rows(FOLLOW, measure())).toEqual(['', '', '1.0', '2.0']);
    expect(visibleWindow(FOLLOW, measure()).reachedTop).toBe(true);
  });

  it('shows multi-line items partly at the top edge', () => {
    const { measure } = world(3, () => 3);
    expect(rows(FOLLOW, measure())).toEqual(['2.2', '3.0', '3.1', '3.2']);
  });

  it('draws only the items it shows, however many are loaded', () => {
    const w = world(100_000);
    const window = visibleWindow(FOLLOW, w.measure(30));
    expect(window.rows).toHaveLength(30);
    expect(window.rows.at(-1)).toBe('100000.0');
    expect(w.drawn()).toBeLessThan(100);
  });

  it('shows pending messages below the transcript', () => {
    const outgoing = { cid: 'c', kind: 'say' as const, target: 'dev', text: 'x', createdAt: 0 };
    const { measure } = world(5, () => 1, [{ kind: 'pending', outgoing, state: 'sending' }]);
    expect(rows(FOLLOW, measure())).toEqual(['3.0', '4.0', '5.0', 'pending']);
  });
});

describe('scrollBy', () => {
  it('scrolls up by lines and pages, and back down to following', () => {
    const { measure } = world(20);
    const up = scrollBy(FOLLOW, 3, measure());
    expect(rows(up, measure())).toEqual(['14.0', '15.0', '16.0', '17.0']);
    const down = scrollBy(up, -2, measure());
    expect(rows(down, measure())).toEqual(['16.0', '17.0', '18.0', '19.0']);
    expect(scrollBy(down, -5, measure())).toEqual(FOLLOW);
  });

  it('keeps the view still while new messages arrive, and counts them', () => {
    const before = world(20);
    const anchor = scrollBy(FOLLOW, 5, before.measure());
    const shown = rows(anchor, before.measure());
    const after = world(25);
    expect(rows(anchor, after.measure())).toEqual(shown);
    expect(visibleWindow(anchor, after.measure()).newCount).toBe(5);
  });

  it('keeps the view still when older history arrives above', () => {
    const { items, measure } = world(20);
    const anchor = scrollBy(FOLLOW, 10, measure());
    const shown = rows(anchor, measure());
    const older: ChatItem[] = Array.from({ length: 50 }, (_, i) => ({
      kind: 'message',
      order: (i - 50) * 1024,
      message: chat(i - 50, 'bob', 'old'),
      mine: false,
      mention: false,
    }));
    const grown = build([...older, ...items], [], () => 1);
    expect(rows(anchor, grown.measure())).toEqual(shown);
  });

  it('stops at the top with a full pane and reports reaching it', () => {
    const { measure } = world(6, (seq) => (seq === 1 ? 2 : 1));
    const top = scrollBy(FOLLOW, 100, measure());
    expect(rows(top, measure())).toEqual(['1.0', '1.1', '2.0', '3.0']);
    expect(visibleWindow(top, measure()).reachedTop).toBe(true);
    // No dead scrolling: one step down from the top moves the view at once.
    expect(rows(scrollBy(top, -1, measure()), measure())).toEqual(['1.1', '2.0', '3.0', '4.0']);
  });

  it('scrolls inside a message taller than the pane', () => {
    const { measure } = world(2, (seq) => (seq === 2 ? 10 : 1));
    const anchor = scrollBy(FOLLOW, 3, measure());
    expect(rows(anchor, measure())).toEqual(['2.3', '2.4', '2.5', '2.6']);
  });

  it('follows again at the bottom of an empty or short list', () => {
    expect(scrollBy(FOLLOW, 5, world(0).measure())).toEqual(FOLLOW);
    expect(scrollBy(FOLLOW, 5, world(3).measure())).toEqual(FOLLOW);
  });
});

describe('revealAnchor', () => {
  const at = (seq: number) => seq * 1024;

  it('shows the message with a third of the pane of newer lines below it', () => {
    const { measure } = world(100);
    expect(rows(revealAnchor(at(50), measure(9)), measure(9))).toEqual(
      ['45', '46', '47', '48', '49', '50', '51', '52', '53'].map((n) => `${n}.0`),
    );
  });

  it('keeps a message near the top of what is loaded on screen, and follows near the newest', () => {
    const { measure } = world(100);
    expect(rows(revealAnchor(at(2), measure(9)), measure(9))).toContain('2.0');
    expect(rows(revealAnchor(at(2), measure(9)), measure(9))[0]).toBe('1.0');
    expect(revealAnchor(at(99), measure(9))).toEqual(FOLLOW);
  });
});

describe('holes on screen', () => {
  /** Messages 1..5, a hole, then 20..40 (a jump's window before the newest messages). */
  function holed() {
    const message = (seq: number): ChatItem => ({
      kind: 'message',
      order: seq * 1024,
      message: chat(seq, 'bob', `m${seq}`),
      mine: false,
      mention: false,
    });
    const items: ChatItem[] = [1, 2, 3, 4, 5].map(message);
    items.push({ kind: 'gap', order: 20 * 1024 - 1, id: 'gap:m20', ts: 0 });
    for (let seq = 20; seq <= 40; seq++) items.push(message(seq));
    return build(items, [], () => 1);
  }

  it('says which message a hole on screen is before, and where the top row is', () => {
    const { measure } = holed();
    const near = scrollBy(FOLLOW, 18, measure(6));
    expect(visibleWindow(near, measure(6))).toMatchObject({
      gapBefore: 20,
      top: { order: 4 * 1024, line: 0 },
    });
    expect(visibleWindow(FOLLOW, measure(6)).gapBefore).toBeUndefined();
  });

  it('keeps the top row in place when the hole fills, or the item before it when that went', () => {
    const { measure } = holed();
    expect(rows(pinTopAnchor(3 * 1024, 0, measure(4)), measure(4))).toEqual(['3.0', '4.0', '5.0', 'pending']);
    expect(rows(pinTopAnchor(20 * 1024 - 1, 0, measure(4)), measure(4))).toEqual([
      'pending',
      '20.0',
      '21.0',
      '22.0',
    ]);
    expect(rows(pinTopAnchor(19 * 1024, 0, measure(4)), measure(4))[0]).toBe('5.0');
  });
});

describe('items that draw no rows (notices folded into a run, or hidden)', () => {
  // Messages 3 to 6 and 10 draw nothing: a folded run in the middle, a hidden notice at the end.
  const folded = (seq: number) => ((seq >= 3 && seq <= 6) || seq === 10 ? 0 : 1);

  it('passes over them when drawing, following and scrolling', () => {
    const { measure } = world(10, folded);
    expect(rows(FOLLOW, measure())).toEqual(['2.0', '7.0', '8.0', '9.0']);
    expect(visibleWindow(FOLLOW, measure()).reachedTop).toBe(false);
    const up = scrollBy(FOLLOW, 1, measure());
    expect(rows(up, measure())).toEqual(['1.0', '2.0', '7.0', '8.0']);
    expect(visibleWindow(up, measure()).reachedTop).toBe(true);
    expect(scrollBy(up, 5, measure())).toEqual(up);
    expect(scrollBy(up, -1, measure())).toEqual(FOLLOW);
  });

  it('holds an anchor on a folded item at the row that stands for it', () => {
    const { measure } = world(20, (seq) => (seq >= 10 && seq <= 13 ? 0 : 1));
    const anchor: Anchor = { follow: false, order: 12 * 1024, fromBottom: 0, seenOrder: 20 * 1024 };
    expect(rows(anchor, measure())).toEqual(['6.0', '7.0', '8.0', '9.0']);
    expect(rows(revealAnchor(12 * 1024, measure()), measure())).toEqual(['7.0', '8.0', '9.0', '14.0']);
  });

  it('shows an empty pane when nothing draws a row', () => {
    const { measure } = world(5, () => 0);
    expect(visibleWindow(FOLLOW, measure())).toMatchObject({ rows: ['', '', '', ''], reachedTop: true });
    expect(scrollBy(FOLLOW, 3, measure())).toEqual(FOLLOW);
  });
});
