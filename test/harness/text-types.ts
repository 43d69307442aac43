/**
 * `pg` client type configuration that returns every value as the server's text, so tests
 * compare PostgreSQL's own output format rather than JavaScript objects.
 */
import type { CustomTypesConfig } from 'pg';

const identity = (value: string) => value;

/** Pass as `types` in a pg Client config. */
export const RAW_TEXT_TYPES: CustomTypesConfig = {
  getTypeParser: (() => identity) as CustomTypesConfig['getTypeParser'],
};
