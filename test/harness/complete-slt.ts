/**
 * `--complete`: rewrites a file's expected query output (and type letters) from what the
 * oracle returned, leaving every other line, and every record the oracle skipped, untouched.
 */
import { keepIgnoreMarkers } from './format-result.js';
import type { QueryOutcome } from './run-slt.js';
import type { Query, SltFile } from './slt-record.js';

/** The new file text. */
export function completeSlt(file: SltFile, outcomes: ReadonlyMap<Query, QueryOutcome>): string {
  const lines = [...file.lines];
  // Walk bottom-up so earlier indices stay valid while blocks change length.
  const queries = file.records.filter((r): r is Query => r.kind === 'query' && outcomes.has(r));
  for (const record of queries.reverse()) {
    const outcome = outcomes.get(record)!;
    const expected = keepIgnoreMarkers(record.expected, outcome.lines);
    if (record.hasSeparator) {
      lines.splice(record.expectedStart, record.expectedLength, ...expected);
    } else {
      lines.splice(record.expectedStart, 0, '----', ...expected);
    }
    const header = lines[record.headerIndex].split(/\s+/);
    header[1] = outcome.types === '' ? record.types : outcome.types;
    lines[record.headerIndex] = header.join(' ');
  }
  return lines.join('\n') + '\n';
}
