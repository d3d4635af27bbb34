import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext, type SecureContextOptions } from 'node:tls';

/** A certificate or key that cannot be used; `code` is `TLS_FILE`, the message says which and why. */
export class TlsFileError extends Error {
  readonly code = 'TLS_FILE';
  override readonly name = 'TlsFileError';
}

/**
 * Reads and checks the PEM certificate and key for https and wss, so a bad file stops the start with
 * one line that names it instead of an OpenSSL error at the first handshake.
 */
export function loadTls(files: {
  readonly certFile: string;
  readonly keyFile: string;
}): SecureContextOptions {
  if (files.certFile === '' || files.keyFile === '')
    throw new TlsFileError('--tls-cert and --tls-key go together: give both, or neither');
  const cert = readPem(files.certFile, '--tls-cert');
  const key = readPem(files.keyFile, '--tls-key');
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsFileError(
      `--tls-cert ${files.certFile} and --tls-key ${files.keyFile} are not a PEM certificate and its private key (${(error as Error).message})`,
    );
  }
  return { cert, key };
}

function readPem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new TlsFileError(`${flag} ${file} cannot be read: ${why}`);
  }
}

/** An http server, or an https one when `tls` is given: the same requests and upgrades either way. */
export function createWebServer(
  tls: SecureContextOptions | undefined,
  options: ServerOptions,
  handler: RequestListener,
): Server {
  // https.Server emits the same request and upgrade events, and listens, closes and reports its
  // address as http.Server does; its type only descends from tls.Server instead.
  return tls === undefined
    ? createServer(options, handler)
    : (createHttpsServer({ ...options, ...tls }, handler) as unknown as Server);
}
