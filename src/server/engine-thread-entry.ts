/**
 * The entry point of an engine thread: opens this thread's Database over the shared data
 * directory and serves the connections the main thread hands over — the whole PostgreSQL
 * protocol (start-up, TLS, authentication, every statement) runs here, over RelaySockets. Its
 * heartbeat lets the main thread tell a busy thread from a stuck one.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { Database, SessionControl } from '../engine/index.js';
import { GalleryStore } from '../http/gallery-store.js';
import { clipExtension, printImageExtension, remotePoolRunners } from '../ml/sql/sql-extension.js';
import { ConnectionHost, makeCredentials, makeServerTls, type Connection } from '../protocol/index.js';
import { connectionLog } from './connection-log.js';
import { RelaySocket } from './relay-socket.js';
import { registerTestHooks, TEST_HOOKS_ENV } from './test-hooks.js';
import { HEARTBEAT_MS, type EngineThreadData, type FromThread, type ToThread } from './thread-messages.js';

const data = workerData as EngineThreadData;
const port = parentPort!;
const send = (message: FromThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
const log = (message: string): void => send({ t: 'log', message });

if (process.env[TEST_HOOKS_ENV] === '1') registerTestHooks();
const heartbeat = new Int32Array(data.heartbeat);
setInterval(() => Atomics.add(heartbeat, 0, 1), HEARTBEAT_MS).unref();

interface Client {
  readonly socket: RelaySocket;
  readonly connection: Connection;
}

async function open(): Promise<{ database: Database; host: ConnectionHost }> {
  const database = await Database.open({
    dataDir: data.dataDir, allowAbsolutePaths: data.allowAbsolutePaths, log, settings: new Map(data.settings),
    extensions: [
      // Galleries go to the same store the main thread's HTTP server reads them from.
      printImageExtension((store) => new GalleryStore(store)),
      clipExtension({ modelsDir: data.modelsDir, offline: data.offline, poolRunners: remotePoolRunners(data.poolPort) }),
    ],
    server: { shared: data.server, route: (pid, how) => send({ t: 'signal', pid, how }) },
  });
  const { auth } = data;
  const host = new ConnectionHost({
    database,
    auth: {
      user: auth.user, database: auth.database, requireTls: auth.requireTls,
      allowCleartextPassword: auth.allowCleartextPassword, mockNonce: auth.mockNonce,
      ...(auth.password ? { credentials: makeCredentials(auth.password, auth.authMethod, Buffer.from(auth.scramSalt)) } : {}),
    },
    ...(data.tls ? { tls: makeServerTls(Buffer.from(data.tls.cert), Buffer.from(data.tls.key)) } : {}),
    log,
    cancel: (pid, secret) => send({ t: 'cancel-request', pid, secret }),
    authenticationTimeoutMs: data.authenticationTimeoutMs,
    ...(data.slowStatementMs !== undefined ? {
      events: connectionLog({ slowStatementMs: data.slowStatementMs, send: (message, level, fields) => send({ t: 'log', message, level, fields }) }),
    } : {}),
  });
  return { database, host };
}

function serve(database: Database, host: ConnectionHost): void {
  const clients = new Map<number, Client>();
  port.on('message', (message: ToThread) => {
    if (message.t === 'shutdown') {
      void host.close(message.graceMs).then(() => database.close()).finally(() => send({ t: 'drained' }));
      return;
    }
    if (message.t === 'open') {
      const socket = new RelaySocket(message.id, message.remoteAddress, message.remotePort, send, new Int32Array(message.taken));
      const refuse = message.tooMany
        ? new SqlError(SQLSTATE.TooManyConnections, 'sorry, too many clients already', { severity: 'FATAL' })
        : undefined;
      const { id } = message;
      const connection = host.accept(socket, {
        pid: message.pid, secret: message.secret, control: new SessionControl(message.control), ...(refuse ? { refuse } : {}),
        authFailed: () => send({ t: 'auth-failed', id }),
      });
      clients.set(message.id, { socket, connection });
      // Kept until the stream itself is gone, not just the session: the last writes still await their acks.
      socket.once('close', () => clients.delete(message.id));
      if (message.data.byteLength > 0) socket.deliver(message.data);
      return;
    }
    const client = clients.get(message.id);
    if (!client) return;
    switch (message.t) {
      case 'data': client.socket.deliver(message.data); return;
      case 'written': client.socket.acknowledge(); return;
      case 'eof': client.socket.clientEnded(); return;
      case 'closed': client.socket.socketClosed(); return;
      case 'cancel': client.connection.cancel(); return;
      case 'terminate': client.connection.terminateBackend(); return;
    }
  });
}

try {
  const { database, host } = await open();
  serve(database, host);
  send({ t: 'ready' });
} catch (err) {
  send({ t: 'failed', message: err instanceof Error ? err.message : String(err) });
  // Ends this thread only; the main thread reports the failure.
  process.exit(1);
}
