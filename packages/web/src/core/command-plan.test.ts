import { parseInput } from 'aurora-client';
import { chat, joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { chatting, frame, NOW, run } from '../../test/page-fixtures.js';
import { type CommandPlan, planCommand } from './command-plan.js';
import { initialPage, type PageState } from './page-state.js';

const inDev = (): PageState =>
  chatting(frame(joined('dev', { topic: 'Shipping 1.0', members: members('alice') })));

const plan = (line: string, state = inDev()): CommandPlan => {
  const parsed = parseInput(line);
  if (!parsed.ok) throw new Error(`not a command: ${parsed.message}`);
  return planCommand(parsed.command, state, NOW);
};

describe('planCommand', () => {
  it('queues plain text as a message in the room on screen', () => {
    expect(plan('hello')).toEqual({
      actions: [],
      lines: [{ to: 'dev', kind: 'say', text: 'hello' }],
      frames: [],
    });
  });

  it('sends to the person in a direct conversation', () => {
    const state = run(inDev(), { type: 'open-dm', nick: 'Bob' });
    expect(plan('hi bob', state).lines).toEqual([{ to: '@Bob', kind: 'dm', text: 'hi bob' }]);
    expect(plan('/me waves', state).error).toBe('/me works in rooms only.');
  });

  it('refuses text over the byte limit and keeps it for editing', () => {
    expect(plan('é'.repeat(2049)).error).toBe('That message is 4098 bytes; the limit is 4096. Shorten it.');
  });

  it('opens a conversation and sends the first message with /msg', () => {
    const planned = plan('/msg Bob hi there');
    expect(planned.actions).toEqual([{ type: 'open-dm', nick: 'Bob' }]);
    expect(planned.lines).toEqual([{ to: '@Bob', kind: 'dm', text: 'hi there' }]);
  });

  it('joins the rooms not joined yet and shows the first one named', () => {
    expect(plan('/join ops')).toEqual({
      actions: [{ type: 'join-requested', rooms: ['ops'] }],
      frames: [{ type: 'join', room: 'ops', ref: 'join' }],
    });
    expect(plan('/join dev ops')).toEqual({
      actions: [{ type: 'join-requested', rooms: ['dev', 'ops'] }],
      frames: [{ type: 'join', room: 'ops', ref: 'join' }],
    });
  });

  it('leaves through the engine, which holds the leave for the lines still on their way', () => {
    expect(plan('/part')).toEqual({
      actions: [{ type: 'leave-requested', room: 'dev', now: NOW }],
      frames: [{ type: 'leave', room: 'dev' }],
    });
    expect(plan('/leave #ops').error).toBe('You are not in #ops.');
    const state = run(inDev(), { type: 'open-dm', nick: 'bob' });
    expect(plan('/leave', state).actions).toEqual([{ type: 'close-target', target: '@bob' }]);
  });

  it('shows or sets the topic', () => {
    expect(plan('/topic').actions).toEqual([
      { type: 'notice', text: 'The topic of #dev is: Shipping 1.0', tone: 'info', now: NOW },
    ]);
    expect(plan('/topic Release day').frames).toEqual([{ type: 'topic', room: 'dev', topic: 'Release day' }]);
    expect(plan('/topic --clear').frames).toEqual([{ type: 'topic', room: 'dev', topic: '' }]);
  });

  it('maps the remaining commands to their requests', () => {
    expect(plan('/nick alicia').frames).toEqual([{ type: 'nick', nick: 'alicia' }]);
    expect(plan('/away lunch').frames).toEqual([{ type: 'away', away: true, status: 'lunch' }]);
    expect(plan('/back').frames).toEqual([{ type: 'away', away: false }]);
    expect(plan('/rooms').frames).toEqual([{ type: 'rooms' }]);
    expect(plan('/who').frames).toEqual([{ type: 'members', room: 'dev', ref: 'who' }]);
    expect(plan('/who ops').frames).toEqual([{ type: 'members', room: 'ops', ref: 'who' }]);
    // A big room (the server sent its size, not its list) is listed 100 names at a time.
    const big = chatting(frame({ ...joined('hall'), memberCount: 5000 }));
    expect(plan('/who', big).frames).toEqual([{ type: 'members', room: 'hall', ref: 'who', limit: 100 }]);
    expect(plan('/clear').actions).toEqual([{ type: 'clear', target: 'dev' }]);
    expect(plan('/quit')).toMatchObject({ quit: true });
  });

  it('opens the search panel with the query for /search and /find, as the terminal does', () => {
    expect(plan('/search deploy* from:bob')).toEqual({ actions: [], frames: [], search: 'deploy* from:bob' });
    expect(plan('/find "release notes" in:#ops').search).toBe('"release notes" in:#ops');
  });

  it('asks for the help of all commands or of one, which the page loads on first use', () => {
    expect(plan('/help')).toEqual({ actions: [], frames: [], help: '' });
    expect(plan('/help part').help).toBe('part');
  });

  it('comes back from away with a second /away, as the terminal client does', () => {
    const away = run(inDev(), frame({ type: 'presence', room: 'dev', event: 'away', nick: 'alice' }));
    expect(plan('/away', away).frames).toEqual([{ type: 'away', away: false }]);
    expect(plan('/away still out', away).frames).toEqual([{ type: 'away', away: true, status: 'still out' }]);
  });

  it('sends people to the join screen to log in, where the password has a form', () => {
    expect(plan('/login').error).toBe(
      '/login works on the join screen here: /quit, then choose Log in or Sign up.',
    );
    expect(plan('/logout --everywhere').frames).toEqual([{ type: 'logout', everywhere: true }]);
  });

  it('keeps a line typed before the first room is joined for that room', () => {
    const early = run(
      initialPage(),
      { type: 'join-asked', nick: 'alice', room: 'dev' },
      frame(welcome('alice')),
    );
    expect(plan('/me is here early', early).lines).toEqual([
      { to: 'dev', kind: 'action', text: 'is here early' },
    ]);
  });

  it('asks to join a room before anything can be said', () => {
    const left = run(
      inDev(),
      { type: 'leave-requested', room: 'dev', now: NOW },
      frame({ type: 'left', room: 'dev' }),
    );
    expect(plan('hello', left).error).toBe('Join a room first: /join #room');
  });

  it('hands /notify, /mute, /unmute, /highlight and /ignore to the attention part, loaded on first use', () => {
    expect(plan('/mute 30m')).toEqual({ actions: [], frames: [], prefs: { type: 'mute', forMs: 1_800_000 } });
    expect(plan('/notify all').prefs).toEqual({ type: 'notify', level: 'all' });
    expect(plan('/unmute').prefs).toEqual({ type: 'unmute' });
    expect(plan('/highlight add deploy').prefs).toEqual({ type: 'highlight', op: 'add', word: 'deploy' });
    expect(plan('/ignore bob').prefs).toEqual({ type: 'ignore', op: 'add', name: 'bob' });
  });
});

describe('/edit, /delete, /react and /reply in the browser', () => {
  const withLines = () => run(inDev(), frame(chat(4, 'alice', 'helo')), frame(chat(5, 'bob', 'hi')));

  it('edit and delete your last message or message N, by the engine’s rules', () => {
    const state = withLines();
    expect(plan('/edit hello', state).frames).toEqual([
      { type: 'change', target: 'dev', seq: 4, change: { kind: 'edit', text: 'hello' } },
    ]);
    expect(plan('/delete 4', state).frames).toEqual([
      { type: 'change', target: 'dev', seq: 4, change: { kind: 'delete' } },
    ]);
    expect(plan('/edit 5 mine', state).error).toBe('Message 5 is not yours (not_author).');
  });

  it('react to message N (again takes it off) and reply with a quote', () => {
    const state = withLines();
    expect(plan('/react 5 👍', state).frames).toEqual([
      { type: 'change', target: 'dev', seq: 5, change: { kind: 'react', emoji: '👍', on: true } },
    ]);
    expect(plan('/reply 5 sure', state).lines).toEqual([
      { to: 'dev', kind: 'say', text: 'sure', replyTo: 5 },
    ]);
    expect(plan('/react 9 👍', state).error).toBe('There is no message 9 here.');
  });
});
