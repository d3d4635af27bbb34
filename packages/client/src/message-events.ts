import { applyMessageEvent, isMessageEvent } from 'aurora-protocol';
import { ItemList } from './item-list.js';
import { type ChatItem, indexed, lowerBound, type MessageItem, messageItem, messageOrder } from './items.js';

/**
 * Folds the edit, delete and reaction events among `incoming` into the messages they are about,
 * where those are in the transcript. The events stay in the transcript as items (they hold seqs, so
 * gaps and resume cursors stay exact) but views draw none of them: see `isMessageEvent`. Folding
 * follows `applyMessageEvent`, so an event already in a message's state (its `rev`) changes nothing:
 * a resume or a page that brings events again is harmless.
 */
export function foldEvents(items: ItemList, incoming: readonly MessageItem[]): ItemList {
  let out: ChatItem[] | undefined;
  for (const event of incoming) {
    if (!isMessageEvent(event.message) || event.message.about === undefined) continue;
    const list = out ? indexed(out) : items;
    const at = lowerBound(list, messageOrder(event.message.about));
    const found = at < list.length ? list.get(at) : undefined;
    if (found?.kind !== 'message' || found.message.seq !== event.message.about) continue;
    const changed = applyMessageEvent(found.message, event.message);
    if (changed === found.message) continue;
    out ??= items.toArray();
    out[at] = messageItem(changed, found.mine, found.mention);
    // Replies quoting it are new objects too, so views that cache drawn lines per item draw their
    // quote again: a deleted text must not live on in a quote.
    for (let i = at + 1; i < out.length; i++) {
      const reply = out[i]!;
      if (reply.kind === 'message' && reply.message.replyTo === event.message.about)
        out[i] = messageItem(reply.message, reply.mine, reply.mention);
    }
  }
  return out ? ItemList.of(out) : items;
}

/** True for a transcript item views draw: anything but an edit, delete or reaction event. */
export function isDrawn(item: ChatItem): boolean {
  return item.kind !== 'message' || !isMessageEvent(item.message);
}
