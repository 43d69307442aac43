/**
 * Server configuration from command-line flags and THANOSQL_* environment variables (flags
 * win), with defaults. `--help` text lives here so it stays next to the flags it describes.
 */
import { parseArgs } from 'node:util';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly modelsDir: string;
  /** Turns on SCRAM-SHA-256 authentication when set. */
  readonly password?: string;
  readonly user: string;
  readonly database: string;
  readonly allowAbsolutePaths: boolean;
  readonly httpPort: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1', port: 5433, dataDir: './data', modelsDir: './models', user: 'thanosql',
  database: 'thanosql', allowAbsolutePaths: false, httpPort: 5434,
};

export const HELP = `Usage: thanosql-lite [options]

  --host <addr>            listen address (THANOSQL_HOST, default 127.0.0.1)
  --port <n>               PostgreSQL protocol port (THANOSQL_PORT, default 5433)
  --data-dir <dir>         data directory (THANOSQL_DATA_DIR, default ./data)
  --models-dir <dir>       model files (THANOSQL_MODELS_DIR, default ./models)
  --password <pw>          require SCRAM-SHA-256 with this password (THANOSQL_PASSWORD)
  --user <name>            the role clients log in as (THANOSQL_USER, default thanosql)
  --database <name>        the database name (THANOSQL_DATABASE, default thanosql)
  --allow-absolute-paths   let COPY read files outside the data dir (THANOSQL_ALLOW_ABSOLUTE_PATHS)
  --http-port <n>          gallery HTTP port (THANOSQL_HTTP_PORT, default 5434)
  --help                   show this help
`;

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const MAX_PORT = 65535;

function port(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PORT) throw new Error(`invalid ${name}: ${value}`);
  return n;
}

/** Parses argv (without node and script) and env; returns 'help' for --help. */
export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' },
      'models-dir': { type: 'string' }, password: { type: 'string' }, user: { type: 'string' },
      database: { type: 'string' }, 'allow-absolute-paths': { type: 'boolean' },
      'http-port': { type: 'string' }, help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const d = DEFAULT_CONFIG;
  const password = values.password ?? env.THANOSQL_PASSWORD;
  return {
    host: values.host ?? env.THANOSQL_HOST ?? d.host,
    port: port(values.port ?? env.THANOSQL_PORT ?? String(d.port), 'port'),
    dataDir: values['data-dir'] ?? env.THANOSQL_DATA_DIR ?? d.dataDir,
    modelsDir: values['models-dir'] ?? env.THANOSQL_MODELS_DIR ?? d.modelsDir,
    ...(password ? { password } : {}),
    user: values.user ?? env.THANOSQL_USER ?? d.user,
    database: values.database ?? env.THANOSQL_DATABASE ?? d.database,
    allowAbsolutePaths: values['allow-absolute-paths'] ?? TRUE_WORDS.has((env.THANOSQL_ALLOW_ABSOLUTE_PATHS ?? '').toLowerCase()),
    httpPort: port(values['http-port'] ?? env.THANOSQL_HTTP_PORT ?? String(d.httpPort), 'http port'),
  };
}
