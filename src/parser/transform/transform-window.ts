/**
 * Window syntax → WindowSpec: the rewriter's stand-in call for `f(…) OVER …`
 * (WINDOW_CALL_PREFIX in rewrite-markers.ts) and node-sql-parser's own nodes for the SELECT's
 * `WINDOW name AS (…)` list, whose frames arrive as `{type: 'rows', expr}` (one bound) or
 * `BETWEEN` over two bounds with offsets as text such as `"2 PRECEDING"`.
 */
import type { Expr, FrameBound, WindowFrame, WindowSpec } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr } from './transform-expr.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformOrderBy } from './transform-select.js';

/** The `over` node of a function call. */
export function transformOver(over: NspNode, ctx: TransformContext): WindowSpec {
  const spec = over?.as_window_specification;
  if (typeof spec === 'string') return { ref: spec, partitionBy: [], orderBy: [] };
  return transformWindowSpec(spec?.window_specification, ctx);
}

/** `WINDOW w AS (…), …`. */
export function transformWindowClause(window: NspNode, ctx: TransformContext): { name: string; spec: WindowSpec }[] {
  return (window?.expr ?? []).map((w: NspNode) => ({
    name: nameOf(w.name),
    spec: transformWindowSpec(w.as_window_specification?.window_specification, ctx),
  }));
}

function transformWindowSpec(spec: NspNode, ctx: TransformContext): WindowSpec {
  const partitionBy = (spec?.partitionby ?? []).map((p: NspNode) => transformExpr(p.expr ?? p, ctx));
  const frame = spec?.window_frame_clause ? transformFrame(spec.window_frame_clause, ctx) : undefined;
  return {
    ...(spec?.name ? { ref: nameOf(spec.name) } : {}),
    partitionBy,
    orderBy: transformOrderBy(spec?.orderby, ctx),
    ...(frame ? { frame } : {}),
  };
}

function transformFrame(n: NspNode, ctx: TransformContext): WindowFrame {
  if (n.type === 'binary_expr' && String(n.operator).toUpperCase() === 'BETWEEN') {
    const mode = String(n.left?.value ?? '').toUpperCase();
    const [start, end] = n.right?.value ?? [];
    return { mode: frameMode(mode), start: bound(start, ctx), end: bound(end, ctx) };
  }
  return { mode: frameMode(String(n.type).toUpperCase()), start: bound(n.expr, ctx), end: { kind: 'CurrentRow' } };
}

function frameMode(mode: string): 'ROWS' | 'RANGE' {
  if (mode === 'ROWS' || mode === 'RANGE') return mode;
  return unsupported(`window frame mode ${mode}`);
}

function bound(n: NspNode, ctx: TransformContext): FrameBound {
  const text = String(n?.value ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
  if (text === 'UNBOUNDED PRECEDING') return { kind: 'UnboundedPreceding' };
  if (text === 'UNBOUNDED FOLLOWING') return { kind: 'UnboundedFollowing' };
  if (text === 'CURRENT ROW') return { kind: 'CurrentRow' };
  const m = /^(\d+) (PRECEDING|FOLLOWING)$/.exec(text);
  if (m) {
    return { kind: m[2] === 'PRECEDING' ? 'Preceding' : 'Following', offset: { kind: 'Literal', type: 'number', value: m[1]! } };
  }
  if (n && typeof n === 'object' && n.type !== 'origin') {
    return { kind: 'Preceding', offset: transformExpr(n, ctx) };
  }
  return unsupported(`window frame bound ${text}`);
}

const BOUND_CODES: Readonly<Record<string, FrameBound['kind']>> = {
  up: 'UnboundedPreceding', uf: 'UnboundedFollowing', cr: 'CurrentRow', p: 'Preceding', f: 'Following',
};

function decodeBound(code: string): FrameBound {
  const m = /^(up|uf|cr|p|f)(\d*)$/.exec(code);
  const kind = m ? BOUND_CODES[m[1]!] : undefined;
  if (!m || !kind) return unsupported(`window frame bound ${code}`);
  if (kind === 'Preceding' || kind === 'Following') return { kind, offset: { kind: 'Literal', type: 'number', value: m[2]! } };
  return { kind } as FrameBound;
}

/**
 * The stand-in `__thano_over_<frame>(call, base, (select 1 from __thano_window group by … order by …))`
 * back to `call` with its WindowSpec; `frameCode` is the name's suffix (`rows_p2_cr`, or empty).
 */
export function windowCallFromStandIn(code: string, all: readonly Expr[]): Expr {
  const hasFilter = code.startsWith('filter_');
  const frameCode = hasFilter ? code.slice('filter_'.length) : code;
  const args = hasFilter ? [all[0], ...all.slice(2)] : all;
  const [first, base, spec] = args;
  const call = first?.kind === 'FunctionCall' && hasFilter ? { ...first, filter: all[1]! } : first;
  if (call?.kind !== 'FunctionCall') return unsupported('OVER after a non-function expression');
  const ref = base?.kind === 'Literal' && base.type === 'string' ? String(base.value) : undefined;
  const select = spec?.kind === 'ScalarSubquery' && spec.query.kind === 'Select' ? spec.query : undefined;
  let frame: WindowFrame | undefined;
  if (frameCode !== '') {
    const [mode, start, end] = frameCode.split('_');
    frame = { mode: mode === 'range' ? 'RANGE' : 'ROWS', start: decodeBound(start ?? ''), end: decodeBound(end ?? '') };
  }
  const over: WindowSpec = {
    ...(ref !== undefined ? { ref } : {}),
    partitionBy: select?.groupBy ?? [],
    orderBy: select?.orderBy ?? [],
    ...(frame ? { frame } : {}),
  };
  return { ...call, over };
}
