/**
 * Server configuration from command-line flags and THANOSQL_* environment variables (flags
 * win), with defaults. `--help` text lives here so it stays next to the flags it describes.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

/** How a configured password is checked (PostgreSQL's pg_hba.conf method names). */
export type AuthMethod = 'scram-sha-256' | 'md5' | 'password';
export const AUTH_METHODS: readonly AuthMethod[] = ['scram-sha-256', 'md5', 'password'];

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly modelsDir: string;
  /** Turns on password authentication (`authMethod`) when set. */
  readonly password?: string;
  readonly authMethod: AuthMethod;
  /** PEM files; TLS is offered (SSLRequest answered 'S') when both are set. */
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  /** Refuse connections that did not negotiate TLS. */
  readonly requireTls: boolean;
  /** With `authMethod: 'password'`, let clients send it over a connection without TLS. */
  readonly allowCleartextPassword: boolean;
  readonly user: string;
  readonly database: string;
  readonly allowAbsolutePaths: boolean;
  readonly httpPort: number;
  /** Never download model weights (they must already be in the models directory). */
  readonly offline: boolean;
  /** Engine threads serving connections (default: one per core). */
  readonly engineThreads: number;
  /** Connections served at once (PostgreSQL's max_connections); more get 53300. */
  readonly maxConnections: number;
  /** PostgreSQL's authentication_timeout, in seconds. */
  readonly authenticationTimeout: number;
  /** pino level of the server log (stderr, one JSON object a line). */
  readonly logLevel: LogLevelName;
  /** Statements at least this slow are logged, in ms (PostgreSQL's log_min_duration_statement). */
  readonly logMinDuration: number;
}

/** What --log-level takes: pino's levels, and silent. */
export type LogLevelName = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export const LOG_LEVELS: readonly LogLevelName[] = ['debug', 'info', 'warn', 'error', 'silent'];

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1', port: 5433, dataDir: './data', modelsDir: './models', user: 'thanosql',
  authMethod: 'scram-sha-256', requireTls: false, allowCleartextPassword: false, database: 'thanosql', allowAbsolutePaths: false, httpPort: 5434,
  offline: false, engineThreads: availableParallelism(), maxConnections: 100, authenticationTimeout: 60,
  logLevel: 'info', logMinDuration: 1000,
};

export const HELP = `Usage: thanosql-lite [options]

  --host <addr>            listen address (THANOSQL_HOST, default 127.0.0.1)
  --port <n>               PostgreSQL protocol port (THANOSQL_PORT, default 5433)
  --data-dir <dir>         data directory (THANOSQL_DATA_DIR, default ./data)
  --models-dir <dir>       model files (THANOSQL_MODELS_DIR, default ./models)
  --password <pw>          require this password (THANOSQL_PASSWORD); trust when unset
  --auth-method <m>        scram-sha-256 | md5 | password (THANOSQL_AUTH_METHOD, default
                           scram-sha-256); 'password' sends it in clear text, so clients
                           without TLS are refused unless --allow-cleartext-password
  --allow-cleartext-password  let 'password' clients log in without TLS
                           (THANOSQL_ALLOW_CLEARTEXT_PASSWORD)
  --tls-cert <file>        PEM certificate; with --tls-key, clients may use TLS (THANOSQL_TLS_CERT)
  --tls-key <file>         PEM private key (THANOSQL_TLS_KEY)
  --require-tls            refuse clients that do not use TLS (THANOSQL_REQUIRE_TLS)
  --user <name>            the role clients log in as (THANOSQL_USER, default thanosql)
  --database <name>        the database name (THANOSQL_DATABASE, default thanosql)
  --allow-absolute-paths   let COPY/CONVERT/SEARCH read files outside the data dir and BUILD
                           MODEL use directories outside the models dir (THANOSQL_ALLOW_ABSOLUTE_PATHS)
  --http-port <n>          gallery HTTP port (THANOSQL_HTTP_PORT, default 5434)
  --offline                never download model weights (THANOSQL_OFFLINE=1)
  --engine-threads <n>     threads running sessions (THANOSQL_ENGINE_THREADS, default: one per core)
  --max-connections <n>    clients served at once; more get 53300 (THANOSQL_MAX_CONNECTIONS, default 100)
  --authentication-timeout <s>  drop clients that have not logged in by then
                           (THANOSQL_AUTHENTICATION_TIMEOUT, default 60)
  --log-level <level>      debug | info | warn | error | silent (THANOSQL_LOG_LEVEL, default info):
                           the JSON log on stderr — connections, errors with SQLSTATE,
                           slow statements, CONVERT progress
  --log-min-duration <ms>  log statements taking at least this long (THANOSQL_LOG_MIN_DURATION,
                           default 1000; 0 logs every statement)
  --version                print the version and exit
  --help                   show this help
`;

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const MAX_PORT = 65535;

function port(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PORT) throw new Error(`invalid ${name}: ${value}`);
  return n;
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid ${name}: ${value} (a whole number from 1)`);
  return n;
}

/** Parses argv (without node and script) and env; returns 'help' for --help, 'version' for --version. */
export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | 'help' | 'version' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' },
      'models-dir': { type: 'string' }, password: { type: 'string' }, user: { type: 'string' },
      database: { type: 'string' }, 'allow-absolute-paths': { type: 'boolean' },
      'http-port': { type: 'string' }, 'auth-method': { type: 'string' }, 'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' }, 'require-tls': { type: 'boolean' }, offline: { type: 'boolean' }, help: { type: 'boolean' },
      version: { type: 'boolean' }, 'engine-threads': { type: 'string' }, 'max-connections': { type: 'string' }, 'authentication-timeout': { type: 'string' },
      'allow-cleartext-password': { type: 'boolean' }, 'log-level': { type: 'string' }, 'log-min-duration': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const d = DEFAULT_CONFIG;
  const password = values.password ?? env.THANOSQL_PASSWORD;
  const authMethod = values['auth-method'] ?? env.THANOSQL_AUTH_METHOD ?? d.authMethod;
  if (!(AUTH_METHODS as readonly string[]).includes(authMethod)) throw new Error(`invalid auth method: ${authMethod}`);
  const tlsCert = values['tls-cert'] ?? env.THANOSQL_TLS_CERT;
  const tlsKey = values['tls-key'] ?? env.THANOSQL_TLS_KEY;
  if (Boolean(tlsCert) !== Boolean(tlsKey)) throw new Error('--tls-cert and --tls-key must be given together');
  const requireTls = values['require-tls'] ?? TRUE_WORDS.has((env.THANOSQL_REQUIRE_TLS ?? '').toLowerCase());
  if (requireTls && !tlsCert) throw new Error('--require-tls needs --tls-cert and --tls-key');
  const logLevel = values['log-level'] ?? env.THANOSQL_LOG_LEVEL ?? d.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new Error(`invalid log level: ${logLevel} (${LOG_LEVELS.join(', ')})`);
  const logMinDuration = Number(values['log-min-duration'] ?? env.THANOSQL_LOG_MIN_DURATION ?? d.logMinDuration);
  if (!Number.isFinite(logMinDuration) || logMinDuration < 0) throw new Error(`invalid log min duration: ${values['log-min-duration'] ?? env.THANOSQL_LOG_MIN_DURATION} (milliseconds from 0)`);
  return {
    host: values.host ?? env.THANOSQL_HOST ?? d.host,
    port: port(values.port ?? env.THANOSQL_PORT ?? String(d.port), 'port'),
    dataDir: values['data-dir'] ?? env.THANOSQL_DATA_DIR ?? d.dataDir,
    modelsDir: values['models-dir'] ?? env.THANOSQL_MODELS_DIR ?? d.modelsDir,
    ...(password ? { password } : {}),
    authMethod: authMethod as AuthMethod,
    ...(tlsCert && tlsKey ? { tlsCert, tlsKey } : {}),
    requireTls,
    allowCleartextPassword: values['allow-cleartext-password']
      ?? TRUE_WORDS.has((env.THANOSQL_ALLOW_CLEARTEXT_PASSWORD ?? '').toLowerCase()),
    user: values.user ?? env.THANOSQL_USER ?? d.user,
    database: values.database ?? env.THANOSQL_DATABASE ?? d.database,
    allowAbsolutePaths: values['allow-absolute-paths'] ?? TRUE_WORDS.has((env.THANOSQL_ALLOW_ABSOLUTE_PATHS ?? '').toLowerCase()),
    httpPort: port(values['http-port'] ?? env.THANOSQL_HTTP_PORT ?? String(d.httpPort), 'http port'),
    offline: values.offline ?? TRUE_WORDS.has((env.THANOSQL_OFFLINE ?? '').toLowerCase()),
    engineThreads: positive(values['engine-threads'] ?? env.THANOSQL_ENGINE_THREADS ?? String(d.engineThreads), 'engine threads'),
    maxConnections: positive(values['max-connections'] ?? env.THANOSQL_MAX_CONNECTIONS ?? String(d.maxConnections), 'max connections'),
    authenticationTimeout: positive(values['authentication-timeout'] ?? env.THANOSQL_AUTHENTICATION_TIMEOUT
      ?? String(d.authenticationTimeout), 'authentication timeout'),
    logLevel: logLevel as LogLevelName, logMinDuration,
  };
}
