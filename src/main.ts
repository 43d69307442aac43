/**
 * Composition root: configuration → Database.open(data dir) → wire server; SIGINT/SIGTERM shut
 * down gracefully. `startServer` is exported for tests, which start in-process servers on port 0.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG, HELP, readConfig, type ServerConfig } from './config/server-config.js';
import { Database } from './engine/index.js';
import { makeVerifier, WireServer } from './protocol/index.js';

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
  const database = await Database.open({
    dataDir: resolve(config.dataDir), modelsDir: resolve(config.modelsDir), allowAbsolutePaths: config.allowAbsolutePaths,
  });
  const server = new WireServer({
    host: config.host, port: config.port, database, log: options.log,
    auth: { user: config.user, database: config.database, ...(config.password ? { verifier: makeVerifier(config.password) } : {}) },
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
    + (config.password ? ', SCRAM-SHA-256 authentication' : ', trust authentication'));
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
