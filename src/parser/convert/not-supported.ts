/**
 * The converters' errors: syntax PostgreSQL accepts but this server does not implement is
 * `0A000 <feature> is not supported`, naming the feature, at the node's position (or the
 * statement's start when the node has none).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ConvertContext } from './convert-context.js';

/** 0A000 naming `feature` (e.g. 'CREATE TRIGGER', 'LATERAL'); `location` is the node's byte offset. */
export function notSupported(feature: string, ctx: ConvertContext, location?: number): SqlError {
  return new SqlError(SQLSTATE.FeatureNotSupported, `${feature} is not supported`, { position: positionOf(ctx, location) });
}

/** A 0A000 error PostgreSQL itself raises, in its words (not a feature this server lacks). */
export function unsupportedForm(message: string, ctx: ConvertContext, location?: number): SqlError {
  return new SqlError(SQLSTATE.FeatureNotSupported, message, { position: positionOf(ctx, location) });
}

/** A 42601 error PostgreSQL raises while analysing what its grammar accepted. */
export function syntaxError(message: string, ctx: ConvertContext, location?: number): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, message, { position: positionOf(ctx, location) });
}

function positionOf(ctx: ConvertContext, location: number | undefined): number {
  return ctx.source.position(location) ?? ctx.source.base + ctx.start + 1;
}
