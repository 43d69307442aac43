/**
 * The HTML pages: one gallery (a grid of lazy-loaded images, each with a small table of its
 * row's values) and the index of recent galleries. Plain HTML and inline CSS, no scripts;
 * every value is escaped. Image links are relative so the page works under any host name.
 */
import type { GalleryEntry } from '../ml/index.js';
import { escapeHtml } from './html-escape.js';

/** Thumbnails are shown at most this wide/high (the tutorial displayed 240×240). */
const THUMB_PX = 240;

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
.grid{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;width:${THUMB_PX}px;border:1px solid #ddd;border-radius:6px;padding:.5rem}
figure img{width:${THUMB_PX}px;height:${THUMB_PX}px;object-fit:contain;background:#f4f4f4}
.missing{width:${THUMB_PX}px;height:${THUMB_PX}px;display:flex;align-items:center;justify-content:center;background:#f4f4f4;color:#888}
table{border-collapse:collapse;font-size:.8rem;width:100%;table-layout:fixed}
th{text-align:left;color:#666;font-weight:normal;width:40%;overflow-wrap:anywhere}
td{overflow-wrap:anywhere}
.null{color:#aaa;font-style:italic}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

function imageHref(relativePath: string): string {
  return `/images/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}

function figure(entry: GalleryEntry, index: number): string {
  const row = entry.rows[index]!;
  const picture = row.imagePath === null
    ? '<div class="missing">no image path</div>'
    : `<a href="${escapeHtml(imageHref(row.imagePath))}"><img loading="lazy" src="${escapeHtml(imageHref(row.imagePath))}" alt="${escapeHtml(row.imagePath)}"></a>`;
  const cells = entry.columns.map((name, i) => {
    const value = row.values[i];
    const shown = value === null || value === undefined ? '<span class="null">NULL</span>' : escapeHtml(value);
    return `<tr><th>${escapeHtml(name)}</th><td>${shown}</td></tr>`;
  });
  return `<figure>${picture}<figcaption><table>${cells.join('')}</table></figcaption></figure>`;
}

/** The page for one PRINT IMAGE result. */
export function renderGallery(entry: GalleryEntry): string {
  const count = entry.rows.length + entry.omitted;
  const note = entry.omitted > 0 ? ` (showing the first ${entry.rows.length})` : '';
  const figures = entry.rows.map((_, i) => figure(entry, i)).join('\n');
  return page(`PRINT IMAGE ${entry.id}`, `<h1>PRINT IMAGE</h1>
<p>${count} row${count === 1 ? '' : 's'}${note}, printed ${escapeHtml(entry.createdAt.toISOString())}. <a href="/">All galleries</a></p>
<div class="grid">
${figures}
</div>`);
}

/** The index: recent galleries, newest first. */
export function renderIndex(entries: readonly GalleryEntry[]): string {
  const items = entries.map((e) => `<li><a href="/gallery/${encodeURIComponent(e.id)}">${escapeHtml(e.createdAt.toISOString())}</a> — ${e.rows.length + e.omitted} rows</li>`);
  const list = items.length > 0 ? `<ul>${items.join('')}</ul>` : '<p>No PRINT IMAGE results yet. Run <code>PRINT IMAGE AS SELECT image_path FROM …</code>.</p>';
  return page('thanosql-lite galleries', `<h1>thanosql-lite</h1><p>Recent PRINT IMAGE results (kept in memory, most recent ${entries.length}):</p>${list}`);
}

/** A minimal error page. */
export function renderError(status: number, message: string): string {
  return page(`${status}`, `<h1>${status}</h1><p>${escapeHtml(message)}</p>`);
}
