/**
 * The page for one gallery: what was asked (the query text, the SQL), a TEST-model banner, a
 * search box over the same table, then the pictures best first — rank, rounded score, "more
 * like this", and a table of the row's values. A picture whose file is missing gets a
 * placeholder. Every value is escaped; links are relative so the page works under any host name.
 */
import type { GalleryEntry } from './gallery-store.js';
import type { GalleryView } from './gallery-view.js';
import { escapeHtml } from './html-escape.js';
import { imageHref, page } from './render-page.js';

/** Scores are shown to this many decimals (cosine similarities differ in the third). */
const SCORE_DECIMALS = 3;

/** What the page needs beyond the entry: its view and which image paths have no file. */
export interface GalleryPageFacts {
  readonly view: GalleryView;
  readonly missing: ReadonlySet<string>;
  /** The table and model the search box searches, when it can. */
  readonly searchable: boolean;
}

function moreLikeThisHref(entry: GalleryEntry, imagePath: string): string {
  return `/search?from=${encodeURIComponent(entry.id)}&image=${encodeURIComponent(imagePath)}`;
}

function roundedScore(text: string | null | undefined): string {
  if (text === null || text === undefined) return 'no score';
  const value = Number(text);
  return Number.isFinite(value) ? value.toFixed(SCORE_DECIMALS) : text;
}

function picture(imagePath: string | null, missing: boolean): string {
  if (imagePath === null) return '<div class="missing">no image path</div>';
  if (missing) return `<div class="missing" title="${escapeHtml(imagePath)}">image not found</div>`;
  const href = escapeHtml(imageHref(imagePath));
  return `<a href="${href}"><img loading="lazy" src="${href}" alt="${escapeHtml(imagePath)}"></a>`;
}

function figure(entry: GalleryEntry, index: number, facts: GalleryPageFacts): string {
  const row = entry.rows[index]!;
  const { scoreColumn } = facts.view;
  const score = scoreColumn >= 0 ? `<span class="score" title="similarity">${escapeHtml(roundedScore(row.values[scoreColumn]))}</span>` : '';
  const more = facts.searchable && row.imagePath !== null && !facts.missing.has(row.imagePath)
    ? `<a class="more" href="${escapeHtml(moreLikeThisHref(entry, row.imagePath))}">more like this</a>` : '';
  const cells = entry.columns.map((name, i) => {
    if (i === scoreColumn) return '';
    const value = row.values[i];
    const shown = value === null || value === undefined ? '<span class="null">NULL</span>' : escapeHtml(value);
    return `<tr><th>${escapeHtml(name)}</th><td>${shown}</td></tr>`;
  });
  return `<figure>${picture(row.imagePath, row.imagePath !== null && facts.missing.has(row.imagePath))}`
    + `<figcaption><span class="rank">#${index + 1}</span>${score}${more}<table>${cells.join('')}</table></figcaption></figure>`;
}

function searchBox(entry: GalleryEntry, facts: GalleryPageFacts): string {
  if (!facts.searchable) return '';
  const search = entry.source.search;
  const value = search?.inputKind === 'text' ? search.inputs[0] ?? '' : '';
  return `<form class="search" method="get" action="/search">
<input type="hidden" name="from" value="${escapeHtml(entry.id)}">
<input type="search" name="text" value="${escapeHtml(value)}" placeholder="search ${escapeHtml(entry.source.table ?? '')} by text" aria-label="search text" required>
<button type="submit">Search</button></form>`;
}

function testModelBanner(facts: GalleryPageFacts): string {
  const model = facts.view.model;
  if (!model?.isTestModel) return '';
  return `<div class="banner" role="note">Model <b>${escapeHtml(model.name)}</b> is the generated TEST model: `
    + 'it ranks pictures by colour only, not by what they show (real CLIP weights: see the README).</div>';
}

/** The page for one gallery. */
export function renderGallery(entry: GalleryEntry, facts: GalleryPageFacts): string {
  const count = entry.rows.length + entry.omitted;
  const note = entry.omitted > 0 ? ` (showing the first ${entry.rows.length})` : '';
  const title = facts.view.query ?? 'PRINT IMAGE';
  const table = entry.source.table ? ` from <b>${escapeHtml(entry.source.table)}</b>` : '';
  const figures = entry.rows.map((_, i) => figure(entry, i, facts)).join('\n');
  const sql = entry.sql ? `<details open><summary>SQL</summary><pre class="sql">${escapeHtml(entry.sql)}</pre></details>` : '';
  return page(`${title} — thanosql-lite`, `<header><a href="/">All galleries</a>
<h1>${escapeHtml(title)}</h1>
${testModelBanner(facts)}${searchBox(entry, facts)}
<p>${count} row${count === 1 ? '' : 's'}${note}${table}, ${escapeHtml(entry.createdAt.toISOString())}.</p>
${sql}</header>
<div class="grid">
${figures}
</div>`);
}
