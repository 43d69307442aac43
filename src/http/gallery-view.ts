/**
 * What a gallery page says about its result, worked out from the stored entry and the models:
 * its title (the search's text, or the picture it searched by), the model whose embedding the
 * search box can use, whether that is the TEST model, and which column holds the score.
 */
import type { GalleryModel } from './gallery-model.js';
import type { GalleryEntry } from './gallery-store.js';

export interface GalleryView {
  /** What was asked: `"a black cat"`, `like tutorial_data/…/x.jpg`, or undefined for a plain PRINT. */
  readonly query?: string;
  /** The model the search box and "more like this" search with, when the table has its embedding. */
  readonly model?: GalleryModel;
  /** Index in `entry.columns` of the score shown on each picture, or -1. */
  readonly scoreColumn: number;
}

/** Title text for a result: the search's inputs, else undefined. */
export function galleryQuery(entry: GalleryEntry): string | undefined {
  const search = entry.source.search;
  if (!search || search.inputs.length === 0) return undefined;
  const inputs = search.inputs.map((i) => (search.inputKind === 'text' ? `"${i}"` : i)).join(', ');
  return search.inputKind === 'text' ? inputs : `like ${inputs}`;
}

/**
 * The model for the search box: the SEARCH's own, else one whose embedding column the printed
 * rows carry (a PRINT of a CONVERTed table).
 */
function searchModel(entry: GalleryEntry, models: readonly GalleryModel[]): GalleryModel | undefined {
  const named = entry.source.search?.model;
  if (named !== undefined) return models.find((m) => m.name === named);
  return models.find((m) => entry.columns.includes(m.embeddingColumn));
}

export function galleryView(entry: GalleryEntry, models: readonly GalleryModel[]): GalleryView {
  const similarity = entry.source.search?.similarityColumns[0];
  const model = searchModel(entry, models);
  const query = galleryQuery(entry);
  return {
    ...(query !== undefined ? { query } : {}),
    ...(model ? { model } : {}),
    scoreColumn: similarity === undefined ? -1 : entry.columns.indexOf(similarity),
  };
}
