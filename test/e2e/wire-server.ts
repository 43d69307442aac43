/**
 * Test helper: an in-process server on port 0 with a temp data dir (models under it), removed
 * on close. Options (password, authMethod, TLS files …) pass through to `startServer`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer, type StartOptions } from '../../src/main.js';

export interface TestServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startTestServer(opts: Omit<StartOptions, 'dataDir' | 'modelsDir'> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'thanosql-wire-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir: join(dataDir, 'models'), httpPort: 0, log: () => {}, ...opts });
  return {
    port: server.port,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A connected `pg` client of `server` as the default role. */
export async function connectClient(server: TestServer): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  return client;
}
