/**
 * Texts and images → L2-normalised CLIP embeddings, for one model directory. It owns the tokenizer,
 * the preprocessing settings and the ONNX sessions; pool workers hold one each. Blocking: run it in a
 * worker, never on the server's main thread.
 *
 * @example
 * const embedder = await ClipEmbedder.load({ modelDir: 'models/clipen', variant: 'fp32', intraOpNumThreads: 1 });
 * const { data, dim } = await embedder.embedTexts(['a red car']);
 */
import { ClipSession } from './clip-session.js';
import { l2NormalizeRows } from './l2-normalize.js';
import { readJson, resolveModelFiles, type ClipModelFiles, type ModelVariant } from '../model/model-files.js';
import { decodeImages, type DecodedImages } from './decode-images.js';
import type { ImageInput } from './preprocess.js';
import { parsePreprocessConfig, type PreprocessConfig } from './preprocess-config.js';
import { ClipTokenizer } from './tokenizer.js';

export interface EmbedderOptions {
  readonly modelDir: string;
  readonly variant: ModelVariant;
  readonly intraOpNumThreads: number;
}

/** Normalised rows, flat [rows, dim]. */
export interface EmbeddingBatch {
  readonly data: Float32Array;
  readonly dim: number;
}

/** Image rows; a row whose image could not be read is all zeros, `valid[i] = 0` and `errors[i]` says why. */
export interface ImageEmbeddingBatch extends EmbeddingBatch {
  readonly valid: Uint8Array;
  readonly errors: readonly (string | null)[];
}

export class ClipEmbedder {
  private constructor(
    readonly files: ClipModelFiles,
    private readonly session: ClipSession,
    private readonly tokenizer: ClipTokenizer,
    /** The image preprocessing this model asks for (preprocessor_config.json). */
    readonly preprocess: PreprocessConfig,
  ) {}

  static async load(options: EmbedderOptions): Promise<ClipEmbedder> {
    const files = await resolveModelFiles(options.modelDir, options.variant);
    const preprocess = parsePreprocessConfig(await readJson(files.preprocessorConfig), files.preprocessorConfig);
    const tokenizer = await ClipTokenizer.fromFile(files.tokenizer);
    const session = await ClipSession.load(files, { intraOpNumThreads: options.intraOpNumThreads });
    return new ClipEmbedder(files, session, tokenizer, preprocess);
  }

  async embedTexts(texts: readonly string[]): Promise<EmbeddingBatch> {
    if (texts.length === 0) return { data: new Float32Array(0), dim: this.files.embedDim };
    const out = await this.session.textEmbeds(this.tokenizer.encode(texts, this.session.textLengthIsDynamic ? 'longest' : 'context'));
    return { data: l2NormalizeRows(out.data, out.dim), dim: out.dim };
  }

  /** Decodes images one after another (a worker owns one core), then runs one batch through the model. */
  async embedImages(inputs: readonly ImageInput[], readPath?: (path: string) => Promise<Uint8Array>): Promise<ImageEmbeddingBatch> {
    return this.embedDecoded(await decodeImages(inputs, this.preprocess, readPath));
  }

  /** Runs decoded images (decode-images.ts) through the model; rows of undecodable inputs stay zero. */
  async embedDecoded(decoded: DecodedImages): Promise<ImageEmbeddingBatch> {
    const { count, valid, errors } = decoded;
    const dim = this.files.embedDim;
    const data = new Float32Array(valid.length * dim);
    if (count === 0) return { data, dim, valid, errors };
    const size = 3 * decoded.height * decoded.width;
    const out = await this.session.visionEmbeds(decoded.pixels.subarray(0, count * size), count, decoded.height, decoded.width);
    l2NormalizeRows(out.data, out.dim);
    if (out.dim !== dim) throw new Error(`${this.files.visionModel} returns ${out.dim}-wide embeddings, config.json says ${dim}`);
    // Scatter the compact batch back to the input rows.
    let src = 0;
    for (let row = 0; row < valid.length; row++) {
      if (valid[row]) data.set(out.data.subarray(src * dim, ++src * dim), row * dim);
    }
    return { data, dim, valid, errors };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
