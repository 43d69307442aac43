/**
 * Composition root: configuration → (sample data) → gallery HTTP server → Database.open(data dir)
 * → wire server; SIGINT/SIGTERM shut down gracefully. `startServer` is exported for tests, which
 * start in-process servers on port 0.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG, HELP, readConfig, type ServerConfig } from './config/server-config.js';
import { Database } from './engine/index.js';
import { startGalleryServer } from './http/index.js';
import { ensureSampleData, HTTP_URL_SETTING, PRINT_GALLERY } from './ml/index.js';
import { makeCredentials, makeServerTls, WireServer } from './protocol/index.js';
import { DataDirLockedError, lockDataDir } from './server/data-dir-lock.js';

export interface RunningServer {
  readonly port: number;
  readonly server: WireServer;
  readonly database: Database;
  /** The gallery/image HTTP server's bound port and the base URL PRINT IMAGE links to (unset if its port was busy). */
  readonly http?: { readonly port: number; readonly url: string };
  close(): Promise<void>;
}

/** startServer's options beyond the CLI's. */
export interface StartOptions extends Partial<ServerConfig> {
  readonly log?: (m: string) => void;
  /** Write the built-in sample data set if the data dir has none (the CLI does). */
  readonly sampleData?: boolean;
}

/**
 * Opens the database and listens. Unspecified options take the CLI defaults.
 * @example
 * const { port, close } = await startServer({ port: 0, dataDir: tmp });
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // An ephemeral wire port (tests) gets an ephemeral HTTP port too, so parallel servers never collide on 5434.
  const httpPort = options.httpPort ?? (options.port === 0 ? 0 : DEFAULT_CONFIG.httpPort);
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options, httpPort };
  const dataDir = resolve(config.dataDir);
  // Read (and checked: key matches certificate) before the database opens, so a bad file fails fast.
  if (config.requireTls && !(config.tlsCert && config.tlsKey)) throw new Error('requireTls needs tlsCert and tlsKey');
  const tls = config.tlsCert && config.tlsKey
    ? makeServerTls(readFileSync(resolve(config.tlsCert)), readFileSync(resolve(config.tlsKey)))
    : undefined;
  // Before anything in the directory is read or written: a second server must touch nothing.
  const lock = lockDataDir(dataDir);
  let http: Awaited<ReturnType<typeof startGalleryServer>>;
  try {
    if (options.sampleData) {
      const sample = await ensureSampleData(dataDir);
      (options.log ?? console.log)(sample.created ? `wrote the sample data set (${sample.rows} photos): ${sample.csvPath}` : `sample data: ${sample.csvPath}`);
    }
    http = await startGalleryServer({
      host: config.host, port: config.httpPort, dataDir, gallery: PRINT_GALLERY, log: options.log ?? ((m) => console.error(m)),
    });
  } catch (err) {
    lock.release();
    throw err;
  }
  const closeHttp = () => http?.server.close() ?? Promise.resolve();
  let database: Database;
  try {
    database = await Database.open({
      dataDir, modelsDir: resolve(config.modelsDir), allowAbsolutePaths: config.allowAbsolutePaths,
      offline: config.offline, log: options.log ?? ((m) => console.log(m)),
      settings: new Map(http ? [[HTTP_URL_SETTING, http.url]] : []),
    });
  } catch (err) {
    await closeHttp();
    lock.release();
    throw err;
  }
  const server = new WireServer({
    host: config.host, port: config.port, database, log: options.log, ...(tls ? { tls } : {}),
    auth: {
      user: config.user, database: config.database, requireTls: config.requireTls,
      ...(config.password ? { credentials: makeCredentials(config.password, config.authMethod) } : {}),
    },
  });
  let port: number;
  try {
    port = await server.listen();
  } catch (err) {
    await closeHttp();
    await database.close();
    lock.release();
    throw err;
  }
  lock.setPort(port);
  let closing: Promise<void> | undefined;
  return {
    port, server, database, ...(http ? { http: { port: http.port, url: http.url } } : {}),
    close: () => (closing ??= Promise.all([server.close(), closeHttp()]).then(() => database.close()).finally(() => lock.release())),
  };
}

async function main(): Promise<void> {
  let config: ServerConfig | 'help';
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    process.exit(2);
  }
  if (config === 'help') {
    process.stdout.write(HELP);
    return;
  }
  let running: RunningServer;
  try {
    running = await startServer({ ...config, sampleData: true });
  } catch (err) {
    // Start-up problems a user can fix get one clear line, not a stack trace.
    if (err instanceof DataDirLockedError) {
      console.error(`thanosql: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  console.log(`listening on ${config.host}:${running.port}, data dir ${resolve(config.dataDir)}`
    + (config.password ? `, ${config.authMethod} authentication` : ', trust authentication')
    + (config.tlsCert ? (config.requireTls ? ', TLS required' : ', TLS offered') : ''));
  if (running.http) console.log(`gallery and images at ${running.http.url}/`);
  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    running.close().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
