/**
 * How each client program of the matrix is started, and what it needs installed. Python
 * programs use Debian's /usr/bin/python3 (it sees the python3-* apt packages; a pyenv python3
 * first on PATH does not); Java programs run as single source files with pgJDBC on the class path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLIENTS_SOURCE_DIR } from './client-servers.js';

export const SYSTEM_PYTHON = '/usr/bin/python3';
export const PGJDBC_JAR = '/usr/share/java/postgresql.jar';

/** Compiled Node client programs (dist/test/clients/node). */
const NODE_DIR = fileURLToPath(new URL('../node', import.meta.url));
const PSQL_DIR = fileURLToPath(new URL('../psql', import.meta.url));

export interface ClientProgram {
  readonly client: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Why the program cannot run here (a missing runtime or package), or undefined. */
  missing(): string | undefined;
}

function pythonMissing(module: string): () => string | undefined {
  return () => {
    if (!existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} not installed`;
    const probe = spawnSync(SYSTEM_PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
    return probe.status === 0 ? undefined : `python module ${module} not installed (apt python3-${module === 'psycopg' ? 'psycopg' : module})`;
  };
}

function javaMissing(): string | undefined {
  if (!existsSync(PGJDBC_JAR)) return `${PGJDBC_JAR} missing (apt libpostgresql-jdbc-java)`;
  return spawnSync('java', ['-version']).status === 0 ? undefined : 'java not installed';
}

const python = (client: string, file: string, module: string): ClientProgram => ({
  client, command: SYSTEM_PYTHON, args: [join(CLIENTS_SOURCE_DIR, 'python', file)], cwd: join(CLIENTS_SOURCE_DIR, 'python'), missing: pythonMissing(module),
});

const java = (client: string, file: string, ...args: string[]): ClientProgram => ({
  client, command: 'java', args: ['-cp', PGJDBC_JAR, join(CLIENTS_SOURCE_DIR, 'java', file), ...args], missing: javaMissing,
});

const node = (client: string, file: string, ...args: string[]): ClientProgram => ({
  client, command: process.execPath, args: [join(NODE_DIR, file), ...args], missing: () => undefined,
});

/** Every client program, by client name. */
export const CLIENT_PROGRAMS: Readonly<Record<string, ClientProgram>> = {
  pg: node('pg', 'pg-client.js'),
  postgresjs: node('postgresjs', 'postgresjs-client.js'),
  grafana: node('grafana', 'replay-client.js', 'grafana'),
  pgadmin: node('pgadmin', 'replay-client.js', 'pgadmin'),
  pgcli: node('pgcli', 'replay-client.js', 'pgcli'),
  psycopg2: python('psycopg2', 'psycopg2_client.py', 'psycopg2'),
  psycopg3: python('psycopg3', 'psycopg3_client.py', 'psycopg'),
  asyncpg: python('asyncpg', 'asyncpg_client.py', 'asyncpg'),
  sqlalchemy: python('sqlalchemy', 'sqlalchemy_inspector.py', 'sqlalchemy'),
  pgjdbc: java('pgjdbc', 'PgJdbcClient.java'),
  dbeaver: java('dbeaver', 'JdbcTools.java', 'dbeaver'),
  metabase: java('metabase', 'JdbcTools.java', 'metabase'),
  psql: { client: 'psql', command: process.execPath, args: [join(PSQL_DIR, 'psql-describe.js')], missing: () => undefined },
};
