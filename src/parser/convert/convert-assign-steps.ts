/**
 * The indirection of an assignment target (`SET a[i][l:u] = …`, `INSERT INTO t (f.x, a[1])`)
 * → AssignStep[]: subscripts, slices with optional bounds, and field names. `.*` is 0A000.
 */
import type { Node } from 'libpg-query';
import type { AssignStep } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { notSupported } from './not-supported.js';
import { stringOf } from './pg-node.js';

export function convertAssignSteps(indirection: readonly Node[], ctx: ConvertContext): AssignStep[] {
  return indirection.map((step): AssignStep => {
    if ('A_Indices' in step) {
      const { is_slice: isSlice, lidx, uidx } = step.A_Indices;
      if (!isSlice) return { kind: 'index', index: convertExpr(uidx!, ctx) };
      return { kind: 'slice', ...(lidx ? { lower: convertExpr(lidx, ctx) } : {}), ...(uidx ? { upper: convertExpr(uidx, ctx) } : {}) };
    }
    if ('String' in step) return { kind: 'field', name: stringOf(step) };
    throw notSupported('assigning to (column).*', ctx);
  });
}
