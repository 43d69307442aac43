/**
 * Splits the text form of an object name as regclass/regproc input reads it: optional schema,
 * double-quoted parts kept as written, unquoted parts lower-cased.
 * @example parseQualifiedName('public."Items"') // → { schema: 'public', name: 'Items' }
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

export interface QualifiedName {
  readonly schema?: string;
  readonly name: string;
}

export function parseQualifiedName(text: string): QualifiedName {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$)/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new SqlError(SQLSTATE.InvalidName, 'invalid name syntax');
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase());
    pos = re.lastIndex;
    if (m[3] === '') break;
  }
  if (parts.length === 0 || parts.length > 3) throw new SqlError(SQLSTATE.InvalidName, 'invalid name syntax');
  // A three-part name's first part is the database, which we have only one of.
  const [schema, name] = parts.length === 1 ? [undefined, parts[0]!] : [parts[parts.length - 2], parts[parts.length - 1]!];
  return schema === undefined ? { name } : { schema, name };
}

/** The name quoted if it needs quotes, as PostgreSQL's quote_identifier does. */
export function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
