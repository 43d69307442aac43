/**
 * The HTML shell every gallery page shares: doctype, title, the inline style sheet. Plain HTML
 * and CSS, no scripts (the pages' CSP forbids them); callers escape what they put in.
 */
import { escapeHtml } from './html-escape.js';

/** Thumbnails are shown at most this wide/high (the tutorial displayed 240×240). */
export const THUMB_PX = 240;

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222}
header{margin-bottom:1rem}
h1{font-size:1.4rem;margin:.2rem 0}
.banner{background:#fff4ce;border:1px solid #e0b000;border-radius:6px;padding:.5rem .8rem;margin:.5rem 0}
form.search{display:flex;gap:.5rem;margin:.8rem 0}
form.search input[type=search]{flex:1;max-width:32rem;font-size:1rem;padding:.35rem .5rem}
pre.sql{background:#f6f6f6;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85rem}
.grid{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;width:${THUMB_PX}px;border:1px solid #ddd;border-radius:6px;padding:.5rem}
figure img{width:${THUMB_PX}px;height:${THUMB_PX}px;object-fit:contain;background:#f4f4f4}
.missing{width:${THUMB_PX}px;height:${THUMB_PX}px;display:flex;align-items:center;justify-content:center;text-align:center;background:#f4f4f4;color:#888}
.rank{font-weight:600}.score{float:right;font-variant-numeric:tabular-nums}
.more{display:block;font-size:.85rem;margin:.2rem 0}
table{border-collapse:collapse;font-size:.8rem;width:100%;table-layout:fixed}
th{text-align:left;color:#666;font-weight:normal;width:40%;overflow-wrap:anywhere}
td{overflow-wrap:anywhere}
.null{color:#aaa;font-style:italic}`;

/** A whole page around `body` (already HTML). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>
`;
}

/** A minimal error page. */
export function renderError(status: number, message: string): string {
  return page(`${status}`, `<h1>${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">All galleries</a></p>`);
}

/** `/images/<path>` with each segment percent-encoded (then HTML-escaped by the caller). */
export function imageHref(relativePath: string): string {
  return `/images/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
