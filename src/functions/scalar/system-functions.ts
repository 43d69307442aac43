/**
 * System information functions: version(), current_database(), current_schema(),
 * current_user / session_user / user, current_setting(name[, missing_ok]), pg_backend_pid(), pg_trigger_depth(),
 * pg_typeof is bound in the planner (it needs the argument's type, not its value).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { currentSchemas } from '../system/session-functions.js';

/** What version() reports; clients parse the leading `PostgreSQL 15.` */
export const SERVER_VERSION_STRING =
  'PostgreSQL 15.8 (ThanoSQL-lite 0.1) on x86_64-pc-linux-gnu, compiled by TypeScript, 64-bit';
const DEFAULT_DATABASE = 'thanosql';
/**
 * The name the session answers its own backend pid under (what BackendKeyData gave the client):
 * pg_backend_pid() and pg_stat_activity.pid read it through the evaluation context.
 */
export const BACKEND_PID_KEY = 'pg_backend_pid';
const DEFAULT_USER = 'thanosql';

function currentUser(ctx: EvalContext): string {
  return ctx.setting('session_authorization') ?? ctx.setting('user') ?? DEFAULT_USER;
}

function currentSetting(name: string, missingOk: boolean, ctx: EvalContext): string | null {
  const value = ctx.setting(name.toLowerCase());
  if (value !== undefined) return value;
  if (missingOk) return null;
  throw new SqlError(SQLSTATE.UndefinedObject, `unrecognized configuration parameter "${name}"`);
}

const stable = { volatility: 'stable' } as const;

/** set_config(name, value, is_local): as SET [LOCAL]; returns the setting's new value. */
function setConfig(name: string | null, value: string | null, local: boolean, ctx: EvalContext): string {
  if (!ctx.setSetting) throw new SqlError(SQLSTATE.FeatureNotSupported, 'set_config is not available here');
  if (name === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'SET requires parameter name');
  // A NULL value resets the parameter, as in PostgreSQL.
  return ctx.setSetting(name, value ?? undefined, local);
}

export const systemFunctions: readonly ScalarFunction[] = [
  { name: 'version', overloads: [scalar([], T.text, () => SERVER_VERSION_STRING, stable)] },
  { name: 'current_database', overloads: [scalar([], T.name, (_a, ctx) => ctx.setting('database') ?? DEFAULT_DATABASE, stable)] },
  { name: 'current_catalog', overloads: [scalar([], T.name, (_a, ctx) => ctx.setting('database') ?? DEFAULT_DATABASE, stable)] },
  // The first schema of the search path that exists (NULL when none does).
  { name: 'current_schema', overloads: [scalar([], T.name, (_args, ctx) => currentSchemas(false, ctx)[0] ?? null, stable)] },
  ...['current_user', 'session_user', 'user', 'current_role'].map((name) => ({
    name, overloads: [scalar([], T.name, (_a, ctx) => currentUser(ctx), stable)],
  })),
  { name: 'current_setting', overloads: [
    scalar([T.text], T.text, ([n], ctx) => currentSetting(n as string, false, ctx), stable),
    scalar([T.text, T.bool], T.text, ([n, ok], ctx) => currentSetting(n as string, ok === true, ctx), stable),
  ] },
  { name: 'set_config', overloads: [scalar([T.text, T.text, T.bool], T.text,
    ([n, v, l], ctx) => setConfig(n as string | null, v as string | null, l === true, ctx), { volatility: 'volatile', strict: false })] },
  // How many trigger functions are running around this call (0 outside triggers).
  { name: 'pg_trigger_depth', overloads: [scalar([], T.int4, (_a, ctx) => ctx.routines?.triggerDepth() ?? 0, { volatility: 'volatile' })] },
  { name: 'pg_backend_pid', overloads: [scalar([], T.int4, (_a, ctx) => Number(ctx.setting(BACKEND_PID_KEY) ?? process.pid), stable)] },
  { name: 'inet_server_port', overloads: [scalar([], T.int4, (_a, ctx) => Number(ctx.setting('port') ?? 5432), stable)] },
  { name: 'pg_postmaster_start_time', overloads: [scalar([], T.timestamptz, (_a, ctx) => ctx.server?.startTime ?? ctx.statementTime, stable)] },
];
