/**
 * The search_path setting read as PostgreSQL does: a comma-separated list of schema names,
 * double quotes removed, `$user` standing for the session user's name. Which of them exist
 * (and so count) is the caller's to decide: schemas live in the catalog.
 */
import { userName } from './session-identity.js';

type Setting = (name: string) => string | undefined;

/** The default, as PostgreSQL ships it. */
export const DEFAULT_SEARCH_PATH = '"$user", public';

/** The schema names search_path lists, in order, `$user` replaced. */
export function searchPathNames(setting: Setting): string[] {
  const user = userName(setting);
  return (setting('search_path') ?? DEFAULT_SEARCH_PATH).split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (s.startsWith('"') && s.endsWith('"') && s.length >= 2 ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase()))
    .map((s) => (s === '$user' ? user : s));
}
