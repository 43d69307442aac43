/**
 * Composition root: configuration → Database.open(data dir) → wire server; SIGINT/SIGTERM shut
 * down gracefully. `startServer` is exported for tests, which start in-process servers on port 0.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG, HELP, readConfig, type ServerConfig } from './config/server-config.js';
import { Database } from './engine/index.js';
import { makeCredentials, makeServerTls, WireServer } from './protocol/index.js';

export interface RunningServer {
  readonly port: number;
  readonly server: WireServer;
  readonly database: Database;
  close(): Promise<void>;
}

/**
 * Opens the database and listens. Unspecified options take the CLI defaults.
 * @example
 * const { port, close } = await startServer({ port: 0, dataDir: tmp });
 */
export async function startServer(options: Partial<ServerConfig> & { log?: (m: string) => void }): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options };
  // Read (and checked: key matches certificate) before the database opens, so a bad file fails fast.
  if (config.requireTls && !(config.tlsCert && config.tlsKey)) throw new Error('requireTls needs tlsCert and tlsKey');
  const tls = config.tlsCert && config.tlsKey
    ? makeServerTls(readFileSync(resolve(config.tlsCert)), readFileSync(resolve(config.tlsKey)))
    : undefined;
  const database = await Database.open({
    dataDir: resolve(config.dataDir), modelsDir: resolve(config.modelsDir), allowAbsolutePaths: config.allowAbsolutePaths,
  });
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
    await database.close();
    throw err;
  }
  let closing: Promise<void> | undefined;
  return {
    port, server, database,
    close: () => (closing ??= server.close().then(() => database.close())),
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
  const running = await startServer(config);
  console.log(`listening on ${config.host}:${running.port}, data dir ${resolve(config.dataDir)}`
    + (config.password ? `, ${config.authMethod} authentication` : ', trust authentication')
    + (config.tlsCert ? (config.requireTls ? ', TLS required' : ', TLS offered') : ''));
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
