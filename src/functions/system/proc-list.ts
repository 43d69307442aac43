/**
 * pg_proc's rows, derived from the function registry: one row per overload of every scalar
 * function, aggregate and set-returning function (operators, registered under symbols, are
 * left out as PostgreSQL lists their implementing functions instead), plus the type I/O
 * functions pg_type points at. OIDs are stable for a given set of registrations.
 */
import { T, typeOid, type SqlType } from '../../types/sql-type.js';
import type { FunctionRegistry } from '../function-registry.js';
import type { ArgSpec, ReturnTypeRule } from '../function-types.js';
import { PG_TYPE_FACTS } from './pg-type-facts.js';

export interface ProcEntry {
  readonly oid: number;
  readonly name: string;
  /** 'f' function, 'a' aggregate. */
  readonly kind: 'f' | 'a';
  readonly argTypes: readonly number[];
  readonly returnType: number;
  readonly returnsSet: boolean;
  readonly strict: boolean;
  readonly volatility: 'i' | 's' | 'v';
  /** Variadic element type OID, 0 if none. */
  readonly variadic: number;
}

/** Registered functions get OIDs from here on (below PostgreSQL's first user OID, 16384). */
const FIRST_PROC_OID = 8000;
/** Pseudo-type OIDs for polymorphic parameters. */
const PSEUDO_OIDS: Readonly<Record<string, number>> = { any: 2276, anyelement: 2283, anyarray: 2277, anyenum: 3500, record: 2249 };
const VOLATILITY = { immutable: 'i', stable: 's', volatile: 'v' } as const;

function argOid(spec: ArgSpec): number {
  return typeof spec === 'string' ? PSEUDO_OIDS[spec]! : typeOid(spec);
}

/** The return type as an OID; polymorphic rules resolve to anyelement. */
function returnOid(rule: ReturnTypeRule | ((args: readonly SqlType[]) => readonly SqlType[]), args: readonly ArgSpec[]): number {
  if (args.some((a) => typeof a === 'string')) {
    return typeof rule === 'function' ? PSEUDO_OIDS.anyelement! : typeOid(rule as SqlType);
  }
  try {
    const result = typeof rule === 'function' ? rule(args as SqlType[]) : rule;
    return typeOid(Array.isArray(result) ? (result[0] ?? T.text) : (result as SqlType));
  } catch {
    return PSEUDO_OIDS.anyelement!;
  }
}

function isIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(name);
}

const cache = new WeakMap<FunctionRegistry, readonly ProcEntry[]>();

/** Every pg_proc row for `registry`, sorted by OID. */
export function listProcs(registry: FunctionRegistry): readonly ProcEntry[] {
  const cached = cache.get(registry);
  if (cached) return cached;
  const { scalars, aggregates, tables } = registry.entries();
  const rows: Omit<ProcEntry, 'oid'>[] = [];
  for (const name of [...scalars.keys()].filter(isIdentifier).sort()) {
    for (const o of scalars.get(name)!) {
      rows.push({
        name, kind: 'f', argTypes: o.args.map(argOid), returnType: returnOid(o.returns, o.args), returnsSet: false,
        strict: o.strict, volatility: VOLATILITY[o.volatility], variadic: o.variadic ? argOid(o.variadic) : 0,
      });
    }
  }
  for (const name of [...aggregates.keys()].sort()) {
    for (const o of aggregates.get(name)!) {
      rows.push({
        name, kind: 'a', argTypes: o.args.map(argOid), returnType: returnOid(o.returns as ReturnTypeRule, o.args),
        returnsSet: false, strict: o.strict, volatility: 'i', variadic: 0,
      });
    }
  }
  for (const name of [...tables.keys()].sort()) {
    for (const o of tables.get(name)!) {
      rows.push({
        name, kind: 'f', argTypes: o.args.map(argOid), returnType: returnOid(o.returns, o.args), returnsSet: true,
        strict: o.strict, volatility: 'i', variadic: 0,
      });
    }
  }
  const procs: ProcEntry[] = [...ioProcs(), ...rows.map((r, i) => ({ ...r, oid: FIRST_PROC_OID + i }))];
  cache.set(registry, procs);
  return procs;
}

/** Type input/output/receive/send functions named by pg_type, with PostgreSQL's OIDs. */
function ioProcs(): ProcEntry[] {
  const seen = new Map<number, ProcEntry>();
  for (const t of PG_TYPE_FACTS.values()) {
    const io: [readonly [number, string], number[], number][] = [
      [t.typinput, [2275], t.oid], [t.typoutput, [t.oid], 2275], [t.typreceive, [2281], t.oid], [t.typsend, [t.oid], 17],
    ];
    for (const [[oid, name], args, ret] of io) {
      if (oid === 0 || seen.has(oid)) continue;
      seen.set(oid, { oid, name, kind: 'f', argTypes: args, returnType: ret, returnsSet: false, strict: true, volatility: 'i', variadic: 0 });
    }
  }
  return [...seen.values()].sort((a, b) => a.oid - b.oid);
}

/** A proc by OID. */
export function procByOid(registry: FunctionRegistry, oid: number): ProcEntry | undefined {
  return listProcs(registry).find((p) => p.oid === oid);
}
