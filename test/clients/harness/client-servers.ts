/**
 * The servers one client program talks to: our server with trust authentication, one with a
 * password (SCRAM-SHA-256), and one with md5 when src/config offers `--auth-method md5`.
 * Each gets a fresh data dir. `env` is what the program reads (CLIENTS_* variables).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN_JS, THANOSQL_DATABASE, THANOSQL_USER } from '../../harness/thanosql-server.js';

/** The password the SCRAM and md5 servers require. */
export const CLIENTS_PASSWORD = 'matrix-pw';

/** test/clients in the source tree (programs and data files are run from there, not from dist). */
export const CLIENTS_SOURCE_DIR = fileURLToPath(new URL('../../../../test/clients', import.meta.url));

const CONFIG_JS = fileURLToPath(new URL('../../../src/config/server-config.js', import.meta.url));

export interface ClientServers {
  /** CLIENTS_* variables for the client program. */
  readonly env: Readonly<Record<string, string>>;
  /** Why there is no md5 server, when there is none. */
  readonly md5Missing?: string;
  close(): Promise<void>;
}

type Started = { port: number; close(): Promise<void> | void };
type StartServer = (options: Record<string, unknown>) => Promise<Started>;
type ReadConfig = (argv: readonly string[], env: NodeJS.ProcessEnv) => Record<string, unknown> | 'help';

/** Server options for `--auth-method md5`, parsed the way the CLI parses them, or why not. */
async function md5Options(): Promise<Record<string, unknown> | string> {
  if (!existsSync(CONFIG_JS)) return `${CONFIG_JS} missing`;
  const config = (await import(CONFIG_JS)) as { HELP?: string; readConfig?: ReadConfig };
  if (!config.HELP?.includes('--auth-method') || !config.readConfig) return 'src/config has no --auth-method flag (md5 not implemented yet)';
  try {
    const parsed = config.readConfig(['--auth-method', 'md5', '--password', CLIENTS_PASSWORD], {});
    if (parsed === 'help') return 'readConfig returned help';
    return parsed;
  } catch (err) {
    return `--auth-method md5 rejected: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Starts the trust, SCRAM and (if available) md5 servers. */
export async function startClientServers(): Promise<ClientServers> {
  const { startServer } = (await import(MAIN_JS)) as { startServer: StartServer };
  const dirs: string[] = [];
  const running: Started[] = [];
  const start = async (extra: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'clients-'));
    dirs.push(dir);
    const server = await startServer({ ...extra, host: '127.0.0.1', port: 0, dataDir: join(dir, 'data'), modelsDir: join(dir, 'models') });
    running.push(server);
    return server.port;
  };
  const close = async () => {
    for (const server of running.splice(0)) await server.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const port = await start({});
    const scramPort = await start({ password: CLIENTS_PASSWORD });
    const md5 = await md5Options();
    const md5Port = typeof md5 === 'string' ? 0 : await start(md5);
    return {
      env: {
        CLIENTS_HOST: '127.0.0.1',
        CLIENTS_PORT: String(port),
        CLIENTS_SCRAM_PORT: String(scramPort),
        CLIENTS_MD5_PORT: md5Port ? String(md5Port) : '',
        CLIENTS_PASSWORD,
        CLIENTS_USER: THANOSQL_USER,
        CLIENTS_DB: THANOSQL_DATABASE,
        CLIENTS_FIXTURE: join(CLIENTS_SOURCE_DIR, 'fixture.sql'),
        CLIENTS_RECORDED: join(CLIENTS_SOURCE_DIR, 'recorded', 'bi-tools-startup-queries.sql'),
      },
      ...(typeof md5 === 'string' ? { md5Missing: md5 } : {}),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
