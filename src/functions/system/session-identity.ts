/**
 * Who and where the session is, as catalogs and system functions report it: the one database
 * and the one role (a superuser). Read from session settings so a server configured with
 * another database or user name reports that.
 */

export const DEFAULT_DATABASE = 'thanosql';
export const DEFAULT_USER = 'thanosql';

type Setting = (name: string) => string | undefined;

export function databaseName(setting: Setting): string {
  return setting('database') ?? DEFAULT_DATABASE;
}

export function userName(setting: Setting): string {
  return setting('session_authorization') ?? setting('user') ?? DEFAULT_USER;
}
