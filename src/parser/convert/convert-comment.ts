/**
 * COMMENT ON TABLE | VIEW | INDEX name | COLUMN t.c | CONSTRAINT c ON t IS 'text' | NULL →
 * CommentOn (the grammar gives a constraint's name after its table's, like a column's); comments on
 * other kinds of object are 0A000.
 */
import type { CommentStmt } from 'libpg-query';
import type { CommentOn } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';
import { listItems, stringsOf } from './pg-node.js';
import { dottedName } from './qualified-name.js';

const TARGETS: Readonly<Record<string, CommentOn['target']>> = {
  OBJECT_TABLE: 'table', OBJECT_VIEW: 'view', OBJECT_INDEX: 'index', OBJECT_COLUMN: 'column', OBJECT_TABCONSTRAINT: 'constraint',
};

/** Convert COMMENT ON. */
export function convertComment(s: CommentStmt, ctx: ConvertContext): CommentOn {
  const target = TARGETS[s.objtype ?? ''];
  if (target === undefined) {
    throw notSupported(`COMMENT ON ${String(s.objtype).replace(/^OBJECT_/, '').replace(/_/g, ' ')}`, ctx);
  }
  const parts = stringsOf(listItems(s.object));
  const text = s.comment ?? null;
  if (target !== 'column' && target !== 'constraint') return { kind: 'CommentOn', target, relation: dottedName(parts, true), text };
  const column = parts.pop()!;
  return { kind: 'CommentOn', target, relation: dottedName(parts, true), column, text };
}
