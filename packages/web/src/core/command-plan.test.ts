import { parseInput } from 'aurora-client';
import { joined, members, welcome } from 'aurora-testkit';
import { describe, expect, it } from 'vitest';
import { type ChatAction, chatReducer } from './chat-reducer.js';
import { type ChatState, initialState } from './chat-state.js';
import { type CommandPlan, planCommand } from './command-plan.js';

const NOW = 1_700_000_000_000;

function inDev(): ChatState {
  const actions: ChatAction[] = [
    { type: 'join-requested', nick: 'alice', room: 'dev' },
    { type: 'server', message: welcome('alice'), now: NOW },
    {
      type: 'server',
      message: joined('dev', { topic: 'Shipping 1.0', members: members('alice') }),
      now: NOW,
    },
  ];
  return actions.reduce(chatReducer, initialState());
}

const plan = (line: string, state = inDev()): CommandPlan => {
  const parsed = parseInput(line);
  if (!parsed.ok) throw new Error(`not a command: ${parsed.message}`);
  return planCommand(parsed.command, state);
};

describe('planCommand', () => {
  it('queues plain text as a message in the room on screen', () => {
    expect(plan('hello')).toEqual({
      actions: [],
      lines: [{ target: 'dev', to: 'dev', kind: 'chat', text: 'hello' }],
      frames: [],
    });
  });

  it('sends to the person in a direct conversation', () => {
    const state = chatReducer(inDev(), { type: 'open-dm', nick: 'Bob' });
    expect(plan('hi bob', state).lines).toEqual([{ target: '@bob', to: '@Bob', kind: 'dm', text: 'hi bob' }]);
    expect(plan('/me waves', state).error).toBe('/me works in rooms only.');
  });

  it('refuses text over the byte limit and keeps it for editing', () => {
    expect(plan('é'.repeat(2049)).error).toBe('That message is 4098 bytes; the limit is 4096. Shorten it.');
  });

  it('opens a conversation and sends the first message with /msg', () => {
    const planned = plan('/msg Bob hi there');
    expect(planned.actions).toEqual([{ type: 'open-dm', nick: 'Bob' }]);
    expect(planned.lines).toEqual([{ target: '@bob', to: '@Bob', kind: 'dm', text: 'hi there' }]);
  });

  it('joins a new room, or switches to one already joined', () => {
    expect(plan('/join ops')).toEqual({
      actions: [{ type: 'join-room', room: 'ops' }],
      frames: [{ type: 'join', room: 'ops', ref: 'join' }],
    });
    expect(plan('/join #DEV')).toEqual({ actions: [{ type: 'open', target: 'dev' }], frames: [] });
    expect(plan('/join dev ops')).toEqual({
      actions: [{ type: 'open', target: 'dev' }],
      frames: [{ type: 'join', room: 'ops', ref: 'join' }],
    });
  });

  it('says a leave waits for the lines still on their way to the room, as the terminal does', () => {
    const state = chatReducer(inDev(), {
      type: 'send',
      cid: 'c1',
      target: 'dev',
      kind: 'chat',
      text: 'last words',
      now: NOW,
    });
    expect(plan('/part', state)).toEqual({
      actions: [
        {
          type: 'notice',
          text: 'Leaving dev once your unsent line is delivered; /join dev to stay.',
          tone: 'info',
          target: 'dev',
        },
      ],
      frames: [{ type: 'leave', room: 'dev' }],
    });
  });

  it('leaves the room on screen, a named room, or closes a conversation', () => {
    expect(plan('/leave').frames).toEqual([{ type: 'leave', room: 'dev' }]);
    expect(plan('/leave #ops').error).toBe('You are not in #ops.');
    const state = chatReducer(inDev(), { type: 'open-dm', nick: 'bob' });
    expect(plan('/leave', state).actions).toEqual([{ type: 'close', target: '@bob' }]);
  });

  it('shows or sets the topic', () => {
    expect(plan('/topic').actions).toEqual([
      { type: 'notice', text: 'The topic of #dev is: Shipping 1.0', tone: 'info' },
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
    const away = chatReducer(inDev(), {
      type: 'server',
      message: { type: 'presence', room: 'dev', event: 'away', nick: 'alice' },
      now: NOW,
    });
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
    const welcomed = [
      { type: 'join-requested', nick: 'alice', room: 'dev' },
      { type: 'server', message: welcome('alice'), now: NOW },
      { type: 'connection', status: 'online' },
    ] as ChatAction[];
    const early = welcomed.reduce(chatReducer, initialState());
    const planned = plan('/me is here early', early);
    expect(planned.lines).toEqual([{ target: 'dev', to: 'dev', kind: 'action', text: 'is here early' }]);
  });

  it('asks to join a room before anything can be said', () => {
    const state = chatReducer(inDev(), { type: 'server', message: { type: 'left', room: 'dev' }, now: NOW });
    expect(plan('hello', state).error).toBe('Join a room first: /join #room');
  });

  it('hands /notify, /mute, /unmute and /highlight to the attention part, loaded on first use', () => {
    expect(plan('/mute 30m')).toEqual({ actions: [], frames: [], prefs: { type: 'mute', forMs: 1_800_000 } });
    expect(plan('/notify all').prefs).toEqual({ type: 'notify', level: 'all' });
    expect(plan('/unmute').prefs).toEqual({ type: 'unmute' });
    expect(plan('/highlight add deploy').prefs).toEqual({ type: 'highlight', op: 'add', word: 'deploy' });
  });
});

describe('/ignore, /unignore and /ignored', () => {
  it('go to the engine’s preferences planning, as /mute does, for an account and a guest alike', () => {
    expect(plan('/ignore bob')).toMatchObject({
      prefs: { type: 'ignore', op: 'add', name: 'bob' },
      frames: [],
    });
    expect(plan('/unignore bob').prefs).toEqual({ type: 'ignore', op: 'remove', name: 'bob' });
    expect(plan('/ignored').prefs).toEqual({ type: 'ignore' });
  });
});

describe('/edit, /delete, /react and /reply in the browser', () => {
  const withLines = async () => {
    const { chat } = await import('aurora-testkit');
    return [chat(4, 'alice', 'helo'), chat(5, 'bob', 'hi')].reduce(
      (state, message) => chatReducer(state, { type: 'server', message, now: NOW }),
      inDev(),
    );
  };

  it('edit and delete your last message or message N, refusing someone else’s', async () => {
    const state = await withLines();
    expect(plan('/edit hello', state).frames).toEqual([
      { type: 'edit', target: 'dev', seq: 4, text: 'hello' },
    ]);
    expect(plan('/delete 4', state).frames).toEqual([{ type: 'delete', target: 'dev', seq: 4 }]);
    expect(plan('/edit 5 mine', state).error).toBe('Message 5 is not yours.');
  });

  it('react to message N (again takes it off) and reply with a quote', async () => {
    const state = await withLines();
    expect(plan('/react 5 👍', state).frames).toEqual([
      { type: 'react', target: 'dev', seq: 5, emoji: '👍', on: true },
    ]);
    expect(plan('/reply 5 sure', state).lines).toEqual([
      { target: 'dev', to: 'dev', kind: 'chat', text: 'sure', replyTo: 5 },
    ]);
    expect(plan('/react 9 👍', state).error).toBe('There is no message 9 here.');
  });
});
