import { CloseCode } from 'aurora-protocol';

const REASONS: Readonly<Record<number, string>> = {
  [CloseCode.Normal]: 'the server closed the connection',
  [CloseCode.GoingAway]: 'the server is restarting',
  [CloseCode.ProtocolError]: 'protocol error',
  [CloseCode.PolicyViolation]: 'refused by the server policy',
  [CloseCode.MessageTooBig]: 'a message was too big',
  [CloseCode.InternalError]: 'server error',
  [CloseCode.HelloTimeout]: 'no greeting in time',
  [CloseCode.Unresponsive]: 'the connection stopped answering',
  1006: 'connection lost',
};

/** A short sentence for why a socket closed, for the status line and error messages. */
export function closeReason(code: number, reason: string): string {
  const known = REASONS[code] ?? `closed with code ${code}`;
  return reason ? `${known} (${reason})` : known;
}
