/**
 * The matrix's data: which scenarios each client runs (scenarios.json, with replay-<tool>-<n>
 * ids expanded from the recorded tool queries) and the known failures with their reasons
 * (expected-failures.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENTS_SOURCE_DIR } from './client-servers.js';

interface ScenarioFile {
  readonly replay: Readonly<Record<string, string>>;
  readonly scenarios: readonly { readonly id: string; readonly title: string; readonly clients: readonly string[] }[];
}

/** client → scenario → reason (the missing server feature). */
export type ExpectedFailures = Readonly<Record<string, Readonly<Record<string, string>>>>;

const RECORDED_HEADER = /^-- \[(\w+) (\d+)\]$/;

/** One recorded tool statement: `replay-<tool>-<n>` and its SQL. */
export interface RecordedQuery {
  readonly tool: string;
  readonly id: string;
  readonly sql: string;
}

/** Parses recorded/bi-tools-startup-queries.sql (`-- [tool n]` headers, statement until the next header). */
export function recordedQueries(): RecordedQuery[] {
  const lines = readFileSync(join(CLIENTS_SOURCE_DIR, 'recorded', 'bi-tools-startup-queries.sql'), 'utf8').split('\n');
  const out: RecordedQuery[] = [];
  let current: { tool: string; n: string; body: string[] } | undefined;
  const flush = () => {
    if (current) out.push({ tool: current.tool, id: `replay-${current.tool}-${current.n.padStart(2, '0')}`, sql: current.body.join('\n').trim().replace(/;$/, '') });
  };
  for (const line of lines) {
    const header = RECORDED_HEADER.exec(line);
    if (header) {
      flush();
      current = { tool: header[1]!, n: header[2]!, body: [] };
    } else if (line.startsWith('-- =====')) {
      flush();
      current = undefined;
    } else if (current) {
      current.body.push(line);
    }
  }
  flush();
  return out;
}

function scenarioFile(): ScenarioFile {
  return JSON.parse(readFileSync(join(CLIENTS_SOURCE_DIR, 'scenarios.json'), 'utf8')) as ScenarioFile;
}

/** Scenario ids a client must report, in order. */
export function scenariosFor(client: string): string[] {
  const file = scenarioFile();
  const ids = file.scenarios.filter((s) => s.clients.includes(client)).map((s) => s.id);
  if (client in file.replay) ids.push(...recordedQueries().filter((q) => q.tool === client).map((q) => q.id));
  return ids;
}

/** expected-failures.json. */
export function expectedFailures(): ExpectedFailures {
  return JSON.parse(readFileSync(join(CLIENTS_SOURCE_DIR, 'expected-failures.json'), 'utf8')) as ExpectedFailures;
}
