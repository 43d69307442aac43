/**
 * What every converter receives besides the node: where the statement's text came from (for
 * error positions and source slices) and the ThanoSQL queries parsed by hand that stand in the
 * text as placeholders (thano/embed-thano-queries.ts).
 */
import type { Query } from '../ast.js';
import type { SourceText } from '../source-text.js';

export interface ConvertContext {
  readonly source: SourceText;
  /** Hand-parsed SEARCH/CONVERT queries, by placeholder number. */
  readonly embedded: readonly Query[];
  /** The statement's span in `source.text` (UTF-16 offsets), for its text and its position. */
  readonly start: number;
  readonly end: number;
}
