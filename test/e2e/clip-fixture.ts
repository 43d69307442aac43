/**
 * Test fixture for the CLIP statements: a temp data dir holding the built-in sample data set, a
 * temp models dir holding the colour TEST model (under `test-clip/`), and an in-process server
 * over them. `bindTutorialModel` points `tutorial_search_clip` at the TEST model, as a test setup
 * does in place of the real weights.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../../src/main.js';
import { makeSampleData, writeTestModel } from '../../src/tools/index.js';

export const TEST_MODEL_DIR = 'test-clip';
export const BIND_TUTORIAL_MODEL =
  `BUILD MODEL tutorial_search_clip USING clipen OPTIONS(model_path='${TEST_MODEL_DIR}', overwrite=True)`;

export interface ClipServer {
  readonly port: number;
  readonly dataDir: string;
  readonly modelsDir: string;
  /** Stops the server (keeps the directories: restart with `startClipServer(dirs)`). */
  stop(): Promise<void>;
  /** Stops the server and removes the directories. */
  close(): Promise<void>;
}

/** Fresh directories with sample data and the TEST model. */
export async function makeClipDirs(): Promise<{ dataDir: string; modelsDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clip-data-'));
  const modelsDir = mkdtempSync(join(tmpdir(), 'clip-models-'));
  await makeSampleData(dataDir);
  await writeTestModel(join(modelsDir, TEST_MODEL_DIR));
  return { dataDir, modelsDir };
}

/** A server over `dirs` (new ones by default). */
export async function startClipServer(dirs?: { dataDir: string; modelsDir: string }): Promise<ClipServer> {
  const { dataDir, modelsDir } = dirs ?? await makeClipDirs();
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    port: server.port, dataDir, modelsDir, stop,
    close: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(modelsDir, { recursive: true, force: true });
    },
  };
}

/** A NOTICE/WARNING as the client received it. */
export interface ClientNotice {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly detail: string;
}

/** A connected `pg` client that records notices. */
export async function pgClient(port: number): Promise<{ client: pg.Client; notices: ClientNotice[] }> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  const notices: ClientNotice[] = [];
  client.on('notice', (n) => notices.push({ severity: n.severity ?? '', code: n.code ?? '', message: n.message ?? '', detail: n.detail ?? '' }));
  await client.connect();
  return { client, notices };
}

/** A server with the TEST model bound as `tutorial_search_clip`, the sample CSV loaded as `table`, and a `pg` client. */
export async function startTutorialSession(table: string): Promise<{ server: ClipServer; client: pg.Client; close(): Promise<void> }> {
  const server = await startClipServer();
  const { client } = await pgClient(server.port);
  await client.query(BIND_TUTORIAL_MODEL);
  await client.query(`COPY ${table} OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
  return {
    server, client,
    close: async () => {
      await client.end();
      await server.close();
    },
  };
}
