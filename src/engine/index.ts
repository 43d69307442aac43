/**
 * The engine's public surface: the Database, its Sessions, and the QueryOutput interface the
 * protocol layer implements.
 */
export { Database, type DatabaseOptions } from './database.js';
export type { DatabaseExtension, ExtensionHost, OpenedExtension } from './database-extension.js';
export { Session } from './session.js';
export { Settings } from './settings.js';
export { SERVER_VERSION, SERVER_VERSION_NUM } from './settings-catalog.js';
export type { QueryOutput } from './query-output.js';
export type { ColumnValues, CopyOutChannel, ResultColumn } from '../execution/statement-api.js';
export { canceledByTimeout, canceledByUser, SessionControl, terminatedByAdministrator } from './session-control.js';
export { boardLayout, ServerServices, type BackendSignal, type SharedServerState } from './activity/server-services.js';
export { parseDurationMs } from '../common/duration-setting.js';
