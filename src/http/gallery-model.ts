/**
 * A registered model as the gallery sees it: what a page needs to show the TEST-model banner and
 * to search with the model. The server maps ml/'s model summaries to it, so http/ never imports ml/.
 */

/**
 * @example
 * const model: GalleryModel = { name: 'tutorial_search_clip', embeddingColumn: 'tutorial_search_clip_clipen', isTestModel: true };
 */
export interface GalleryModel {
  /** The model's SQL name (SEARCH … USING name). */
  readonly name: string;
  /** The column CONVERT stores its embeddings in (`{name}_{base}`). */
  readonly embeddingColumn: string;
  /** The generated TEST model: the page says it ranks by colour only. */
  readonly isTestModel: boolean;
}
