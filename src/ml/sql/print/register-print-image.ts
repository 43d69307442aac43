/**
 * Plugs PRINT IMAGE into the planner (statement binder) and the executor (physical planner).
 * Idempotent: registering twice replaces the same entries.
 */
import { registerPhysicalPlanner } from '../../../execution/index.js';
import type { PrintImage } from '../../../parser/ast.js';
import { registerQueryBinder, registerStatementBinder } from '../../../planner/index.js';
import { bindPrintImage, bindPrintPlan, PRINT_IMAGE_NODE } from './bind-print-image.js';
import { planPrintImage } from './physical-print-image.js';

/** Makes `PRINT IMAGE … AS query` available, as a statement and as a subquery. */
export function registerPrintImage(): void {
  registerStatementBinder('PrintImage', (bind, statement) => bindPrintImage(bind, statement as PrintImage));
  registerQueryBinder('PrintImage', (bind, query) => bindPrintPlan(bind, query));
  registerPhysicalPlanner(PRINT_IMAGE_NODE, planPrintImage);
}
