/**
 * Parses sqllogictest text into records. Records are separated by blank lines; `#` lines
 * outside a record are comments (`# name:` and `# description:` are kept as file metadata).
 *
 * @example
 *   statement error 42P01
 *   SELECT * FROM missing
 *
 *   query IT rowsort
 *   SELECT 1, 'a'
 *   ----
 *   1	a
 */
import type { SltFile, SltRecord, SortMode, TargetName } from './slt-record.js';

const TARGETS: readonly TargetName[] = ['thanosql', 'postgres'];
const SORT_MODES: readonly SortMode[] = ['nosort', 'rowsort', 'valuesort'];
const SQLSTATE_PATTERN = /^[0-9A-Z]{5}$/;

/** Raised for malformed files, with file and line. */
export class SltParseError extends Error {
  constructor(path: string, line: number, message: string) {
    super(`${path}:${line}: ${message}`);
  }
}

/** Parses one file's text. */
export function parseSlt(path: string, text: string): SltFile {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const records: SltRecord[] = [];
  let name: string | null = null;
  let description: string | null = null;
  let onlyIf: TargetName[] = [];
  let skipIf: TargetName[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new SltParseError(path, i + 1, message);
  };
  const target = (word: string | undefined): TargetName => {
    if (word !== undefined && (TARGETS as readonly string[]).includes(word)) return word as TargetName;
    return fail(`unknown target '${word}' (expected ${TARGETS.join(' or ')})`);
  };
  /** Reads lines until a blank line or `----`; returns them and leaves i on the stopper. */
  const readBlock = (): string[] => {
    const out: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && lines[i] !== '----') out.push(lines[i++]);
    return out;
  };

  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '') {
      if (onlyIf.length > 0 || skipIf.length > 0) fail('directive not followed by a record');
      i++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      const meta = /^#\s*(name|description):\s*(.*)$/.exec(trimmed);
      if (meta?.[1] === 'name') name = meta[2];
      if (meta?.[1] === 'description') description = meta[2];
      i++;
      continue;
    }
    const words = trimmed.split(/\s+/);
    const base = { line: i + 1, onlyIf, skipIf };
    switch (words[0]) {
      case 'onlyif':
        onlyIf = [...onlyIf, target(words[1])];
        i++;
        continue;
      case 'skipif':
        skipIf = [...skipIf, target(words[1])];
        i++;
        continue;
      case 'halt':
        records.push({ kind: 'halt', ...base });
        i++;
        break;
      case 'statement': {
        const mode = words[1];
        i++;
        const sql = readBlock().join('\n');
        if (sql === '') fail('statement without SQL');
        if (mode === 'ok') {
          if (lines[i] === '----') fail("'statement ok' takes no '----' section");
          records.push({ kind: 'statement-ok', ...base, sql });
        } else if (mode === 'error') {
          const sqlState = words[2];
          if (sqlState === undefined || !SQLSTATE_PATTERN.test(sqlState)) {
            i = base.line - 1;
            fail("'statement error' needs a 5-character SQLSTATE, e.g. 'statement error 42P01'");
          }
          let message: string | null = null;
          if (lines[i] === '----') {
            i++;
            message = readBlock().join('\n');
          }
          records.push({ kind: 'statement-error', ...base, sql, sqlState, message });
        } else {
          i = base.line - 1;
          fail(`unknown statement mode '${mode}' (expected ok or error)`);
        }
        break;
      }
      case 'query': {
        const headerIndex = i;
        const types = words[1] ?? '';
        if (!/^[IRBDT]+$/.test(types)) fail(`bad query types '${types}' (letters I R B D T)`);
        const sort = (words[2] ?? 'nosort') as SortMode;
        if (!SORT_MODES.includes(sort)) fail(`bad sort mode '${words[2]}'`);
        i++;
        const sql = readBlock().join('\n');
        if (sql === '') fail('query without SQL');
        const hasSeparator = lines[i] === '----';
        if (hasSeparator) i++;
        const expectedStart = i;
        const expected = hasSeparator ? readBlock() : [];
        if (lines[i] === '----') fail("unexpected second '----'");
        records.push({
          kind: 'query',
          ...base,
          sql,
          types,
          sort,
          expected,
          expectedStart,
          expectedLength: expected.length,
          headerIndex,
          hasSeparator,
        });
        break;
      }
      default:
        fail(`unknown record '${words[0]}'`);
    }
    onlyIf = [];
    skipIf = [];
  }
  return { path, name, description, lines, records };
}
