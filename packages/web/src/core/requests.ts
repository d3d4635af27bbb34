import type { ChatConnection } from 'aurora-client';
import { LIMITS } from 'aurora-protocol';
import type { PlannedRequest } from './command-plan.js';

/**
 * Hands a planned request to the connection method that writes it, so the engine does the rest:
 * a leave waits for the lines still on their way to the room, a nick or away survives a reconnect.
 */
export function sendRequest(connection: ChatConnection, request: PlannedRequest): void {
  switch (request.type) {
    case 'join':
      connection.join(request.room, request.ref, request.password);
      break;
    case 'change':
      connection.change(request.target, request.seq, request.change);
      break;
    case 'leave':
      connection.leave(request.room);
      break;
    case 'nick':
      connection.setNick(request.nick);
      break;
    case 'topic':
      connection.topic(request.room, request.topic);
      break;
    case 'away':
      connection.away(request.away, request.status);
      break;
    case 'rooms':
      connection.rooms();
      break;
    case 'members':
      connection.members(request.room, request.ref, {
        ...(request.after === undefined ? {} : { after: request.after }),
        ...(request.limit === undefined ? {} : { limit: request.limit }),
      });
      break;
    case 'logout':
      connection.logout(request.everywhere ?? false);
      break;
    case 'moderate': {
      const { type: _type, ref: _ref, ...moderation } = request;
      connection.moderate(moderation);
      break;
    }
    case 'claim':
      connection.claim(request.room);
      break;
    case 'bans':
      connection.bans(request.room);
      break;
    case 'mode':
      connection.mode(request.room, request.set);
      break;
    case 'invites':
      connection.invites(request.room);
      break;
    case 'history':
      connection.history(
        request.target,
        request.before,
        request.limit ?? LIMITS.historyPageDefault,
        request.ref,
      );
      break;
  }
}
