/**
 * Plugs PRINT IMAGE into the planner (statement binder) and the executor (physical planner).
 * Idempotent: registering twice replaces the same entries.
 */
import { registerPhysicalPlanner } from '../../execution/index.js';
import type { PrintImage } from '../../parser/ast.js';
import { registerStatementBinder } from '../../planner/index.js';
import { bindPrintImage, PRINT_IMAGE_NODE } from './bind-print-image.js';
import { planPrintImage } from './physical-print-image.js';

/** Makes `PRINT IMAGE … AS query` available. */
export function registerPrintImage(): void {
  registerStatementBinder('PrintImage', (bind, statement) => bindPrintImage(bind, statement as PrintImage));
  registerPhysicalPlanner(PRINT_IMAGE_NODE, planPrintImage);
}
