/**
 * Binds `PRINT IMAGE [OPTIONS(image_col='…')] AS query`: the query's plan wrapped in a
 * `PrintImage` extension node whose output is the query's columns plus `image_url` (text).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { PrintImage } from '../../../parser/ast.js';
import type { BindContext, LogicalCommand, LogicalPlan, OutputColumn } from '../../../planner/index.js';
import { bindQuery } from '../../../planner/binder/bind-query.js';
import { T } from '../../../types/sql-type.js';
import { findPrintSource, type BoundPrintSource } from './print-source.js';

/** The extension node's name (the physical planner is registered under it). */
export const PRINT_IMAGE_NODE = 'PrintImage';
export const DEFAULT_IMAGE_COL = 'image_path';
export const IMAGE_URL_COLUMN = 'image_url';
const KNOWN_OPTIONS = new Set(['image_col', 'image_column']);

/** What the physical operator needs: the plan-wide id of the input column holding the path. */
export interface PrintImagePayload {
  readonly imageColumnId: number;
  /** The statement's text and what the query reads, for the gallery page. */
  readonly sql: string;
  readonly source: BoundPrintSource;
}

/** The statement text a gallery keeps (a PRINT of a pasted script can be long). */
const MAX_SQL_CHARS = 4000;

function imageColumnOption(bind: BindContext, statement: PrintImage): string {
  for (const key of Object.keys(statement.options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, `unknown PRINT IMAGE option "${key}"`, {
        hint: 'PRINT IMAGE takes OPTIONS (image_col = \'<column>\').', position: bind.positionOf(key),
      });
    }
  }
  // `image_column` is the older spelling thanosql-magic also accepted.
  const value = statement.options.image_col ?? statement.options.image_column ?? DEFAULT_IMAGE_COL;
  if (typeof value !== 'string' || value === '') {
    throw new SqlError(SQLSTATE.InvalidParameterValue, 'PRINT IMAGE option image_col must be a column name');
  }
  return value;
}

function findColumn(output: readonly OutputColumn[], name: string): number {
  const exact = output.findIndex((c) => c.name === name);
  return exact >= 0 ? exact : output.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** The statement binder registered for 'PrintImage': the query form's plan as a query. */
export function bindPrintImage(bind: BindContext, statement: PrintImage): LogicalCommand {
  return { kind: 'Query', plan: bindPrintPlan(bind, statement) };
}

/** PRINT IMAGE as a query (a statement, or a subquery such as BI tools wrap SQL in). */
export function bindPrintPlan(bind: BindContext, statement: PrintImage): LogicalPlan {
  const imageCol = imageColumnOption(bind, statement);
  const input = bindQuery(bind, statement.query);
  const imageColumn = findColumn(input.output, imageCol);
  if (imageColumn < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${imageCol}" does not exist in the PRINT IMAGE query`, {
      hint: `Select a column named ${imageCol}, or name the image path column with OPTIONS (image_col = '<column>').`,
    });
  }
  const urlColumn: OutputColumn = { id: bind.newId(), name: IMAGE_URL_COLUMN, type: T.text, tableOid: 0, attnum: 0 };
  const payload: PrintImagePayload = {
    imageColumnId: input.output[imageColumn]!.id, sql: bind.plan.sql.trim().slice(0, MAX_SQL_CHARS), source: findPrintSource(input),
  };
  return {
    kind: 'Extension', name: PRINT_IMAGE_NODE, inputs: [input], payload,
    output: [...input.output, urlColumn], describe: `Print Image (image_col=${input.output[imageColumn]!.name})`,
  };
}
