import type { ClientMessage, ClientMessageOf } from 'aurora-protocol';
import type { Hub } from '../hub.js';
import { claim, listBans, moderate } from '../rooms/moderation.js';
import { listInvites, mode } from '../rooms/settings.js';
import type { Session } from '../session.js';
import { changePassword, deleteAccount, resetPassword } from './account-manage.js';
import { login, logout, read, register } from './accounts.js';
import { away, hello, nick, ping } from './identity.js';
import { edit, react, remove } from './lifecycle.js';
import { dm, history, say } from './messages.js';
import { changePrefsRequest } from './prefs.js';
import { join, leave, members, rooms, topic, typing } from './rooms.js';
import { search } from './search.js';

/** A handler for one client message type. */
export type Handler<T extends ClientMessage['type']> = (
  hub: Hub,
  session: Session,
  message: ClientMessageOf<T>,
) => Promise<void>;

/** Every client message type and the handler that answers it. */
export const handlers: { readonly [T in ClientMessage['type']]: Handler<T> } = {
  hello,
  join,
  leave,
  say,
  action: say,
  dm,
  edit,
  delete: remove,
  react,
  typing,
  nick,
  topic,
  away,
  rooms,
  members,
  history,
  search,
  ping,
  register,
  login,
  logout,
  password: changePassword,
  delete_account: deleteAccount,
  reset_password: resetPassword,
  read,
  notify: changePrefsRequest,
  mute: changePrefsRequest,
  unmute: changePrefsRequest,
  highlight: changePrefsRequest,
  ignore: changePrefsRequest,
  moderate,
  claim,
  bans: listBans,
  mode,
  invites: listInvites,
};
