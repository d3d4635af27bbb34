import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { canonicalName } from 'aurora-protocol';
import { type ServerOptions, type WebSocket, WebSocketServer } from 'ws';
import { createAuth } from './accounts/auth.js';
import { DEFAULT_THROTTLE_LIMITS, LoginThrottle } from './accounts/throttle.js';
import { hostCheck } from './allowed-hosts.js';
import { AuroraSocket, type SocketEvents } from './aurora-socket.js';
import type { Broker } from './broker/broker.js';
import { LocalBroker } from './broker/local.js';
import { type Clock, systemClock } from './clock.js';
import { startCluster } from './cluster/cluster.js';
import type { ServerConfig } from './config.js';
import { ConnectionsPerAddress } from './connections-per-address.js';
import type { Directory } from './directory/directory.js';
import { LocalDirectory } from './directory/local.js';
import { Heartbeat } from './heartbeat.js';
import { FileCache } from './http/file-cache.js';
import { startMetricsServer } from './http/metrics-server.js';
import { handleHttp } from './http/routes.js';
import { Hub } from './hub.js';
import { createId } from './ids.js';
import { createLogger, type Logger } from './logger.js';
import { LoopLag, shedWait } from './loop-lag.js';
import { createMetrics } from './metrics.js';
import { recheckRegisteredNames } from './name-claims.js';
import { isOriginAllowed } from './origin.js';
import { forgetAbsentMembers } from './rooms/membership.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';
import { createWebServer, loadTls } from './tls.js';
import { SERVER_VERSION } from './version.js';
import { WEBHOOK_PATH_PREFIX, WebhookEndpoint } from './webhooks/endpoint.js';
import { WsPeer } from './ws-peer.js';

/**
 * Connections the kernel may hold for the server before it accepts them. Node asks for 511; a
 * reconnect storm of tens of thousands overflows that, and each dropped SYN costs its client a
 * second or more of retransmission. The kernel caps it at `net.core.somaxconn` (4096 by default
 * since Linux 5.4), so raising that setting is what takes effect (see README, In production).
 */
const LISTEN_BACKLOG = 65_535;

/** A running server. */
export interface AuroraServer {
  readonly port: number;
  readonly host: string;
  readonly hub: Hub;
  /** The port serving `/metrics`, when metrics are on (`metricsPort`). */
  readonly metricsPort: number | undefined;
  /** Stops accepting, closes every client with 1001, flushes and closes storage. */
  close(): Promise<void>;
}

/** Replaceable parts, for tests. Cluster mode (`config.redis`) builds the Redis ones itself. */
export interface ServerParts {
  readonly store?: Store;
  readonly broker?: Broker;
  readonly directory?: Directory;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Starts HTTP and WebSocket on one port and resolves once listening. */
export async function startServer(config: ServerConfig, parts: ServerParts = {}): Promise<AuroraServer> {
  const clock = parts.clock ?? systemClock;
  const logger = parts.logger ?? createLogger(config.logLevel);
  // Read before anything opens: a bad certificate stops the start with one line naming the file.
  const tls = config.tls === undefined ? undefined : loadTls(config.tls);
  const metrics = config.metricsPort === undefined ? undefined : createMetrics();
  const cluster =
    config.redis === undefined
      ? undefined
      : await startCluster(config.redis, {
          clock,
          logger,
          retention: config.retention,
          timings: config.cluster,
        });
  const store =
    parts.store ??
    cluster?.store ??
    new SqliteStore({
      dataDir: config.dataDir,
      retention: config.retention,
      searchIndex: config.searchIndex,
      clock,
      logger,
      onCommit: metrics?.committed,
    });
  await recheckRegisteredNames(store.accounts, logger);
  const lag = config.limits.shedLagMs > 0 ? new LoopLag().start() : undefined;
  const hub = new Hub({
    overloaded: lag && (() => shedWait(lag.lagMs, config.limits.shedLagMs)),
    store,
    broker: parts.broker ?? cluster?.broker ?? new LocalBroker(),
    directory: parts.directory ?? cluster?.directory ?? new LocalDirectory(),
    clock,
    ids: createId,
    logger,
    limits: config.limits,
    admins: config.admins.map(canonicalName),
    server: { name: 'aurora-server', version: SERVER_VERSION },
    auth: createAuth(clock, {
      sessionTtlMs: config.sessionTtlMs,
      nameHoldMs: config.nameHoldMs,
      // A cluster counts log-in attempts in Redis, so spreading guesses over the nodes gains nothing.
      ...(cluster
        ? {
            throttle: new LoginThrottle(
              clock,
              DEFAULT_THROTTLE_LIMITS,
              cluster.attempts,
              `${cluster.nodeId}.`,
            ),
          }
        : {}),
    }),
    metrics,
  });
  cluster?.attach(hub);
  const webhooks = new WebhookEndpoint(hub, config.limits.maxFrameBytes);
  const startedAt = clock.now();

  /** Whether a request names a host this server does not serve (DNS rebinding); logs it if so. */
  const hostAllowed = hostCheck(config.allowedHosts);
  const isForeignHost = (request: IncomingMessage): boolean => {
    if (hostAllowed(request.headers.host)) return false;
    logger.info('refused host', { host: request.headers.host, ip: request.socket.remoteAddress });
    return true;
  };
  // Node closes a request (or WebSocket handshake) whose headers are not all in by then with 408,
  // checking every second; an upgraded socket is no longer the HTTP server's and is not timed out.
  // An idle kept-alive connection is closed well before that check could: its `Keep-Alive: timeout`
  // tells clients (fetch closes a second before it) when to stop reusing it, so none sends a request
  // on a connection the server is closing, which loses the request.
  const timeouts = {
    headersTimeout: config.handshakeTimeoutMs,
    requestTimeout: config.handshakeTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, config.handshakeTimeoutMs),
    keepAliveTimeout: Math.max(1000, config.handshakeTimeoutMs / 2),
  };
  const webFiles = new FileCache();
  const http = createWebServer(tls, timeouts, (request, response) => {
    if (isForeignHost(request)) {
      response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      response.end(HOST_REFUSED);
      return;
    }
    if (request.url?.startsWith(WEBHOOK_PATH_PREFIX)) {
      // `handle` answers every failure itself and never rejects.
      void webhooks.handle(request, response);
      return;
    }
    handleHttp(
      {
        webRoot: config.webRoot,
        webFiles,
        health: async () => ({
          status: 'ok',
          version: SERVER_VERSION,
          uptime: Math.round((clock.now() - startedAt) / 1000),
          connections: hub.sessions.size,
          rooms: (await hub.options.directory.roomCounts()).size,
        }),
      },
      request,
      response,
    ).catch((error: unknown) => {
      logger.error('http request failed', { url: request.url, error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const connections = new ConnectionsPerAddress(config.maxConnectionsPerIp);
  http.on('connection', (socket: Socket) => {
    // Refused before a byte is read: answering would mean holding it while its request arrives.
    if (connections.admit(socket)) return;
    logger.info('refused connection over the per-address cap', { ip: socket.remoteAddress });
    socket.destroy();
  });
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: config.limits.maxFrameBytes,
    maxFragments: config.maxFragments,
    WebSocket: AuroraSocket,
  } as ServerOptions);
  const heartbeat = new Heartbeat(
    config.pingIntervalMs,
    2,
    () => acceptedSockets(hub),
    () => hub.sessions.size,
    () => logger.debug('dropping unresponsive connection'),
  );

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (isForeignHost(request)) return refuse(socket, 403, 'Forbidden', HOST_REFUSED);
    if (path !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!isOriginAllowed(request.headers.origin, request.headers.host, config.allowedOrigins)) {
      logger.info('refused origin', { origin: request.headers.origin });
      return refuse(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws as AuroraSocket, request));
  });

  // One options object and one events handler for every socket, instead of closures per
  // connection: 10,000 idle connections are mostly what each of them keeps.
  const peerOptions = {
    maxBufferedBytes: config.maxBufferedBytes,
    onSlowConsumer: (ws: WebSocket) =>
      logger.info('terminated slow consumer', { ip: (ws as AuroraSocket).session?.info.ip }),
  };
  const events: SocketEvents = {
    message: (ws, data, isBinary) => {
      if (ws.session) hub.received(ws.session, data, isBinary);
    },
    pong: (ws) => heartbeat.answered(ws),
    error: (ws, error) => logger.debug('socket error', { ip: ws.session?.info.ip, error: error.message }),
    close: (ws, code) => {
      logConnectionClosed(logger, ws, code, clock.now() - startedAt);
      if (ws.session) {
        connections.release(ws.session.info.ip);
        hub.lost(ws.session);
      }
    },
  };

  function accept(ws: AuroraSocket, request: IncomingMessage): void {
    const info = connections.adopt(request.socket);
    ws.session = hub.open(new WsPeer(ws, peerOptions), info);
    // Rounded: a whole number of ms fits in the field, where a fraction would take an object of its own.
    ws.openedAt = Math.round(clock.now() - startedAt);
    logger.info('connection opened', { conn: ws.session.id, address: info.ip });
    ws.accepted(events);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await cluster?.close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  metrics?.attach({
    connections: () => hub.sessions.size,
    rooms: async () => (await hub.options.directory.roomCounts()).size,
    delivered: () => hub.delivered,
    stored: () => hub.stored,
  });
  const metricsServer =
    metrics === undefined || config.metricsPort === undefined
      ? undefined
      : await startMetricsServer(metrics.registry, config.metricsPort, config.metricsHost).catch(
          async (error: unknown) => {
            await closeHttp(http);
            await cluster?.close();
            throw error;
          },
        );
  logger.info('server started', {
    version: SERVER_VERSION,
    host: config.host,
    port,
    storage: config.redis !== undefined ? 'redis' : config.dataDir === undefined ? 'memory' : 'sqlite',
    tls: tls !== undefined,
    ...(config.searchIndex || config.redis !== undefined ? {} : { searchIndex: 'off' }),
    ...(config.dataDir === undefined || config.redis !== undefined ? {} : { dataDir: config.dataDir }),
    ...(metricsServer === undefined ? {} : { metricsPort: metricsServer.port }),
  });

  const maintenance = setInterval(() => {
    store
      .prune(clock.now())
      .catch((error: unknown) => logger.error('prune failed', { error: String(error) }));
  }, 10 * 60_000);
  maintenance.unref();
  const sweep = setTimeout(() => {
    forgetAbsentMembers(hub).catch((error: unknown) =>
      logger.error('member sweep failed', { error: String(error) }),
    );
  }, config.rememberGraceMs);
  sweep.unref();

  let closing: Promise<void> | undefined;
  return {
    port,
    host: config.host,
    hub,
    metricsPort: metricsServer?.port,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<void> {
    logger.info('server stopping', { connections: hub.sessions.size });
    clearInterval(maintenance);
    clearTimeout(sweep);
    heartbeat.stop();
    const stopped = closeHttp(http);
    await metricsServer?.close();
    const sessions = [...hub.sessions];
    lag?.stop();
    await hub.shutdown();
    // Every open socket is a session's until its close is handled: no second set of them is kept.
    await waitForSockets(hub.sessions, 2000);
    for (const ws of [...acceptedSockets(hub)]) ws.terminate();
    await stopped;
    // Let the closed connections finish leaving (quietly) before storage goes away.
    const deadline = Date.now() + 2000;
    while (hub.sessions.size > 0 && Date.now() < deadline) await delay(20);
    await Promise.race([
      Promise.all(sessions.map((session) => session.queue)),
      delay(Math.max(0, deadline - Date.now())),
    ]);
    await store.close();
    await hub.options.broker.close();
    await hub.options.directory.close();
    await cluster?.close();
    logger.info('server stopped', { uptimeMs: clock.now() - startedAt });
  }
}

/**
 * The sockets of the hub's sessions: every one the server accepted, until its close is handled.
 * Each session's peer is the WsPeer `accept` made for its socket.
 */
function* acceptedSockets(hub: Hub): Generator<AuroraSocket> {
  for (const session of hub.sessions) yield (session.peer as WsPeer).socket as AuroraSocket;
}

/** One line per closed connection: who it was, where it was, how long and how it ended. */
function logConnectionClosed(logger: Logger, ws: AuroraSocket, code: number, now: number): void {
  const session = ws.session;
  logger.info('connection closed', {
    conn: session?.id,
    address: session?.info.ip,
    nick: session?.identity?.nick,
    rooms: session ? [...session.rooms] : [],
    durationMs: now - ws.openedAt,
    code,
  });
}

/** What a request for a host name this server does not serve is told (not the name: it is remote text). */
const HOST_REFUSED =
  'This server does not answer to this host name. Its administrator can allow it with --allowed-hosts.\n';

function refuse(socket: Duplex, status: number, text: string, body = ''): void {
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function closeHttp(http: Server): Promise<void> {
  return new Promise((resolve) => http.close(() => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function waitForSockets(sockets: { readonly size: number }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
