/**
 * The index page: every kept gallery, newest first, named by its query (the search's text or
 * picture, else the start of its SQL).
 */
import type { GalleryEntry } from './gallery-store.js';
import { galleryQuery } from './gallery-view.js';
import { escapeHtml } from './html-escape.js';
import { page } from './render-page.js';

/** SQL shown as a gallery's name is cut here. */
const NAME_CHARS = 120;

function galleryName(entry: GalleryEntry): string {
  const query = galleryQuery(entry);
  if (query !== undefined) return query;
  const sql = entry.sql.replace(/\s+/g, ' ');
  if (sql === '') return 'PRINT IMAGE';
  return sql.length > NAME_CHARS ? `${sql.slice(0, NAME_CHARS)}…` : sql;
}

export function renderIndex(entries: readonly GalleryEntry[]): string {
  const items = entries.map((e) => {
    const rows = e.rows.length + e.omitted;
    return `<li><a href="/gallery/${encodeURIComponent(e.id)}">${escapeHtml(galleryName(e))}</a> — `
      + `${rows} row${rows === 1 ? '' : 's'}${e.source.table ? ` of ${escapeHtml(e.source.table)}` : ''}, ${escapeHtml(e.createdAt.toISOString())}</li>`;
  });
  const list = items.length > 0 ? `<ol class="galleries">${items.join('')}</ol>`
    : '<p>No PRINT IMAGE results yet. Run <code>PRINT IMAGE AS SELECT image_path FROM …</code>.</p>';
  return page('thanosql-lite galleries', `<h1>thanosql-lite galleries</h1><p>PRINT IMAGE results, newest first (the last ${entries.length} kept in the data directory):</p>${list}`);
}
