/**
 * A regression .sql file as psql would run it: statements to send, and meta-commands either
 * carried out here (`\set`, `\unset`, `\getenv`; `\g`, `\gset`, `\gexec` and `\copy` become
 * statements with a follow-up), ignored because they only change how psql prints
 * (`\pset`, `\x`, `\echo`, `\d…`), or counted as unsupported (`\if`, `\connect`, …).
 *
 * @example
 *   const script = new PsqlScript(text, { PG_ABS_SRCDIR: '/cache' });
 *   for (let step = script.next(); step; step = script.next()) …
 */
import { metaArgs } from './meta-args.js';
import { PsqlScanner } from './psql-scanner.js';

export type MetaHandling = 'executed' | 'display' | 'unsupported';

export type ScriptStep =
  | {
      readonly kind: 'statement';
      readonly sql: string;
      readonly line: number;
      /** What psql does with the result: nothing, set variables from it, or run each value. */
      readonly then?: { readonly kind: 'gset'; readonly prefix: string } | { readonly kind: 'gexec' };
      /** Came from `\copy` (client-side COPY: file names are the client's). */
      readonly slashCopy?: boolean;
    }
  | { readonly kind: 'meta'; readonly name: string; readonly line: number; readonly handling: MetaHandling };

/** Meta-commands that only change psql's output (or describe objects for display). */
const DISPLAY_ONLY = new Set([
  'pset', 'x', 'a', 't', 'T', 'C', 'f', 'H', 'echo', 'qecho', 'warn', 'timing', 'o', 'out', 'title',
  'conninfo', 'errverbose', '?', 'h', 'help', 'l', 'l+', 'z', 'sf', 'sf+', 'sv', 'sv+', 's',
]);

/** Variables psql starts with under pg_regress (`psql -X -a -q -v HIDE_TABLEAM=on …`). */
const INITIAL_VARIABLES: Readonly<Record<string, string>> = {
  AUTOCOMMIT: 'on', ON_ERROR_STOP: 'off', ECHO: 'all', QUIET: 'on', VERBOSITY: 'default',
  SHOW_CONTEXT: 'errors', HIDE_TABLEAM: 'on', HIDE_TOAST_COMPRESSION: 'on',
};

const SEND_COMMANDS = new Set(['g', 'gx', 'gset', 'gexec']);

export class PsqlScript {
  readonly variables = new Map<string, string>(Object.entries(INITIAL_VARIABLES));
  private readonly scanner: PsqlScanner;
  private lastQuery: string | undefined;

  /** `env` answers `\getenv` (pg_regress's PG_ABS_SRCDIR, PG_LIBDIR …). */
  constructor(text: string, private readonly env: Readonly<Record<string, string>>) {
    this.scanner = new PsqlScanner(text, this.variables);
  }

  next(): ScriptStep | undefined {
    for (;;) {
      const item = this.scanner.next();
      if (!item) return undefined;
      if (item.kind === 'query') {
        this.lastQuery = item.text;
        return { kind: 'statement', sql: item.text, line: item.line };
      }
      const step = this.meta(item.name, item.args, item.line);
      if (step) return step;
    }
  }

  /** The inline data of the COPY … FROM STDIN just returned (call only when the server asked for it). */
  readCopyData(): string {
    return this.scanner.readCopyData();
  }

  /** `\gset`: one variable per column of the single row (NULL unsets), as psql does. */
  setVariables(prefix: string, columns: readonly string[], row: readonly (string | null)[]): void {
    columns.forEach((column, i) => {
      const value = row[i];
      if (value === null || value === undefined) this.variables.delete(prefix + column);
      else this.variables.set(prefix + column, value);
    });
  }

  private meta(name: string, rawArgs: string, line: number): ScriptStep | undefined {
    if (SEND_COMMANDS.has(name)) {
      const query = this.scanner.takeQuery();
      const sql = query?.text ?? (name === 'g' || name === 'gx' ? this.lastQuery : undefined);
      if (sql === undefined) return { kind: 'meta', name, line, handling: 'unsupported' };
      this.lastQuery = sql;
      const then = name === 'gset' ? { kind: 'gset' as const, prefix: metaArgs(rawArgs, this.variables)[0] ?? '' }
        : name === 'gexec' ? { kind: 'gexec' as const } : undefined;
      return { kind: 'statement', sql, line: query?.line ?? line, ...(then ? { then } : {}) };
    }
    if (name === 'copy') return { kind: 'statement', sql: `COPY ${rawArgs}`, line, slashCopy: true };
    const args = metaArgs(rawArgs, this.variables);
    switch (name) {
      case 'set':
        if (args.length === 0) return { kind: 'meta', name, line, handling: 'display' };
        this.variables.set(args[0]!, args.slice(1).join(''));
        return { kind: 'meta', name, line, handling: 'executed' };
      case 'unset':
        if (args[0] !== undefined) this.variables.delete(args[0]);
        return { kind: 'meta', name, line, handling: 'executed' };
      case 'getenv': {
        const value = args[1] === undefined ? undefined : this.env[args[1]];
        if (args[0] !== undefined && value !== undefined) this.variables.set(args[0], value);
        return { kind: 'meta', name, line, handling: 'executed' };
      }
      default:
        return { kind: 'meta', name, line, handling: DISPLAY_ONLY.has(name) || name.startsWith('d') ? 'display' : 'unsupported' };
    }
  }
}
