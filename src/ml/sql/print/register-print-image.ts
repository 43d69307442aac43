/**
 * Plugs PRINT IMAGE into one database's extension registry: its statement and query binders
 * (planner) and its physical planner (executor).
 */
import type { ExtensionRegistrar } from '../extension-registrar.js';
import type { PrintImage } from '../../../parser/ast.js';
import { bindPrintImage, bindPrintPlan, PRINT_IMAGE_NODE } from './bind-print-image.js';
import { planPrintImage } from './physical-print-image.js';

/** Makes `PRINT IMAGE … AS query` available in `registry`'s database, as a statement and as a subquery. */
export function registerPrintImage(registry: ExtensionRegistrar): void {
  registry.addStatementBinder('PrintImage', (bind, statement) => bindPrintImage(bind, statement as PrintImage));
  registry.addQueryBinder('PrintImage', (bind, query) => bindPrintPlan(bind, query));
  registry.addPhysicalPlanner(PRINT_IMAGE_NODE, planPrintImage);
}
