import type { TargetState } from 'aurora-client';
import { type Member, roleMark, sameName } from 'aurora-protocol';
import { h, setText, syncChildren } from './dom.js';
import { nickLabel, registeredMark } from './message-item.js';

/** The members of the room on screen; choosing one opens a direct conversation. */
export interface MemberList {
  readonly element: HTMLElement;
  render(target: TargetState | undefined, me: string | undefined): void;
}

/** Creates the member list; `message` opens a conversation with a member. */
export function createMemberList(message: (nick: string) => void): MemberList {
  const heading = h('h2', { id: 'members-heading' }, 'Members');
  const list = h('ul', { class: 'member-list', 'aria-labelledby': 'members-heading' });
  const element = h('aside', { class: 'members', id: 'members', 'aria-label': 'Members' }, heading, list);
  const cache = new Map<string, HTMLLIElement>();
  let shownMembers: readonly Member[] | undefined;
  let shownMe: string | undefined;

  function item(member: Member, isMe: boolean): HTMLLIElement {
    const mark = roleMark(member.role);
    const label = [
      mark ? h('span', { class: 'role-mark', title: member.role ?? '' }, mark) : null,
      nickLabel(member.nick),
      registeredMark(member.account),
      isMe ? h('span', { class: 'muted' }, ' (you)') : null,
    ];
    const status = member.away
      ? h('span', { class: 'away-status' }, member.status ? `away: ${member.status}` : 'away')
      : null;
    if (isMe)
      return h(
        'li',
        { class: member.away ? 'member away' : 'member' },
        h('span', { class: 'member-name' }, ...label),
        status,
      );
    const button = h(
      'button',
      { type: 'button', class: 'member-name', title: `Send ${member.nick} a direct message` },
      ...label,
    );
    button.addEventListener('click', () => message(member.nick));
    return h('li', { class: member.away ? 'member away' : 'member' }, button, status);
  }

  return {
    element,
    render(target, me) {
      const isDm = target?.kind === 'dm';
      const members = isDm ? [] : (target?.members ?? []);
      element.hidden = target === undefined || isDm;
      if (members === shownMembers && me === shownMe) return;
      if (me !== shownMe) {
        list.replaceChildren();
        cache.clear();
      }
      shownMembers = members;
      shownMe = me;
      setText(heading, `Members (${members.length})`);
      const sorted = [...members].sort(
        (a, b) => Number(a.away) - Number(b.away) || a.nick.localeCompare(b.nick),
      );
      const keyOf = (m: Member) =>
        `${m.nick}\u0000${m.account ? 'account' : ''}\u0000${m.role ?? ''}\u0000${m.away ? `away:${m.status ?? ''}` : ''}`;
      const byKey = new Map(sorted.map((m) => [keyOf(m), m]));
      syncChildren(list, sorted.map(keyOf), cache, (key) => {
        const member = byKey.get(key)!;
        return item(member, me !== undefined && sameName(member.nick, me));
      });
    },
  };
}
