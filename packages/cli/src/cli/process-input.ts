import { userInfo } from 'node:os';

/** The login name of the user running the program, for a default nick. */
export function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'guest';
  }
}

/** Everything on a stream until its end, as text (the message `send` reads from stdin). */
export function readAll(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
    });
    stream.on('end', () => resolve(text));
    stream.on('error', reject);
  });
}
