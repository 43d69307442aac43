/**
 * The PRINT IMAGE operator: passes its input's rows through with an `image_url` appended,
 * remembers them (bounded) as a gallery, and when the input ends sends a NOTICE with the
 * gallery's URL. The gallery is published after the last row, so the URL a client sees shows
 * the complete result — or, when an enclosing query stops reading early (a BI tool's
 * `SELECT … FROM (PRINT IMAGE …) source LIMIT 2000`), the rows produced until then, which the
 * NOTICE says (also when the enclosing query failed after reading some). A statement that fails
 * inside PRINT IMAGE's own input publishes nothing.
 */
import { SqlError, SQLSTATE, type Notice } from '../../../common/sql-error.js';
import type { ExecContext, ExtensionPhysicalPlanner, PhysicalOperator } from '../../../execution/index.js';
import { layoutOf } from '../../../execution/physical-operator.js';
import type { LogicalExtension } from '../../../planner/index.js';
import { formatTypeName, type SqlType } from '../../../types/sql-type.js';
import { formatText } from '../../../types/text-codec.js';
import type { Row, Value } from '../../../types/value.js';
import type { PrintImagePayload } from './bind-print-image.js';
import type { GalleryRow, GallerySink, PrintSource } from '../../../common/gallery-sink.js';
import { galleryUrl, HTTP_URL_SETTING, imageUrl, relativeImagePath } from './image-url.js';

/** Caption values longer than this are cut (an embedding's text form runs to kilobytes). */
const MAX_CAPTION_CHARS = 200;

function caption(text: string): string {
  return text.length > MAX_CAPTION_CHARS ? `${text.slice(0, MAX_CAPTION_CHARS)}…` : text;
}

/** A row value as the gallery shows it: an embedding (a float array) by its size, not its numbers. */
function captionOf(value: Value, type: SqlType, ctx: ExecContext): string {
  const length = (value as Partial<ArrayLike<unknown>>).length;
  if (type.array && (type.id === 'float4' || type.id === 'float8') && typeof length === 'number') {
    return `${formatTypeName(type)} (${length} values)`;
  }
  return caption(formatText(value, type, ctx.textOptions));
}

/** The `extensions` entry holding the database's GalleryStore. */
export const GALLERY_SERVICE = 'gallery';

function galleryOf(ctx: ExecContext): GallerySink {
  const store = ctx.run.extensions?.get(GALLERY_SERVICE) as GallerySink | undefined;
  if (!store) throw new SqlError(SQLSTATE.FeatureNotSupported, 'PRINT IMAGE needs the gallery store, which this server did not open');
  return store;
}

/** The plan's source with a driver parameter's input (`text=$1`) filled in from this run. */
function sourceOf(payload: PrintImagePayload, params: readonly Value[]): PrintSource {
  const search = payload.source.search;
  if (!search) return payload.source;
  const { param, ...rest } = search;
  const value = param ? params[param.index] : undefined;
  const inputs = value === undefined || value === null ? rest.inputs
    : (Array.isArray(value) ? value : [value]).map((v) => String(v));
  return { ...payload.source, search: { ...rest, inputs } };
}

/** The NOTICE naming the gallery; `producedWhenStopped` when the enclosing query stopped reading early. */
function galleryNotice(baseUrl: string | undefined, id: string, producedWhenStopped: number | undefined): Notice {
  const partial = producedWhenStopped === undefined ? {} : {
    detail: `The query around PRINT IMAGE stopped reading early; the gallery shows the ${producedWhenStopped} row${producedWhenStopped === 1 ? '' : 's'} produced until then.`,
  };
  return baseUrl
    ? { severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `PRINT IMAGE gallery: ${galleryUrl(baseUrl, id)}`, ...partial }
    : {
      severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion,
      message: 'PRINT IMAGE: the HTTP server is off, so there is no gallery page or image_url',
      hint: 'Start the server with --http-port to view printed images in a browser.',
    };
}

/** Builds the operator for one `PrintImage` node over its planned input. */
export function physicalPrintImage(node: LogicalExtension, input: PhysicalOperator): PhysicalOperator {
  const payload = node.payload as PrintImagePayload;
  const { imageColumnId } = payload;
  const layout = layoutOf(input.columnIds);
  const imagePosition = layout.get(imageColumnId)!;
  // Input columns are the node's output minus the trailing image_url, in the node's order.
  const inputColumns = node.output.slice(0, -1);
  const positions = inputColumns.map((c) => layout.get(c.id)!);
  return {
    columnIds: [...inputColumns.map((c) => c.id), node.output[node.output.length - 1]!.id],
    async *execute(ctx: ExecContext) {
      const store = galleryOf(ctx);
      const baseUrl = ctx.run.setting(HTTP_URL_SETTING) || undefined;
      const kept: GalleryRow[] = [];
      let omitted = 0;
      // 'stopped': the consumer ended the iteration early (its return() runs the finally below).
      let outcome: 'stopped' | 'complete' | 'failed' = 'stopped';
      try {
        for await (const batch of input.execute(ctx)) {
          const out: Row[] = [];
          for (const row of batch) {
            const raw = row[imagePosition];
            const path = typeof raw === 'string' ? relativeImagePath(ctx.run.dataDir, raw) : null;
            const values: Value[] = positions.map((p) => row[p]!);
            out.push([...values, baseUrl && path ? imageUrl(baseUrl, path) : null]);
            if (kept.length < store.maxRows) {
              kept.push({
                imagePath: path,
                values: values.map((v, i) => (v === null ? null : captionOf(v, inputColumns[i]!.type, ctx))),
              });
            } else omitted++;
          }
          yield out;
        }
        outcome = 'complete';
      } catch (err) {
        outcome = 'failed';
        throw err;
      } finally {
        if (outcome !== 'failed') {
          const id = store.add({
            columns: inputColumns.map((c) => c.name), rows: kept, omitted, sql: payload.sql, source: sourceOf(payload, ctx.params),
          });
          ctx.run.notice(galleryNotice(baseUrl, id, outcome === 'stopped' ? kept.length + omitted : undefined));
        }
      }
    },
  };
}

/** The physical planner registered for `PrintImage` nodes. */
export const planPrintImage: ExtensionPhysicalPlanner = (node, inputs) => physicalPrintImage(node, inputs[0]!);
