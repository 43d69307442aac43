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
import { readJson, resolveModelFiles, type ClipModelFiles, type ModelVariant } from './model-files.js';
import { preprocessImage, type ImageInput } from './preprocess.js';
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
    private readonly preprocess: PreprocessConfig,
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
    const { cropHeight: h, cropWidth: w } = this.preprocess;
    const size = 3 * h * w;
    const pixels = new Float32Array(inputs.length * size);
    const valid = new Uint8Array(inputs.length);
    const errors: (string | null)[] = [];
    let count = 0;
    for (const input of inputs) {
      try {
        const source = typeof input === 'string' && readPath ? await readPath(input) : input;
        await preprocessImage(source, this.preprocess, pixels.subarray(count * size, (count + 1) * size));
        valid[errors.length] = 1;
        errors.push(null);
        count++;
      } catch (err) {
        errors.push(err instanceof Error ? err.message : String(err));
      }
    }
    const dim = this.files.embedDim;
    const data = new Float32Array(inputs.length * dim);
    if (count === 0) return { data, dim, valid, errors };
    const out = await this.session.visionEmbeds(pixels.subarray(0, count * size), count, h, w);
    l2NormalizeRows(out.data, out.dim);
    if (out.dim !== dim) throw new Error(`${this.files.visionModel} returns ${out.dim}-wide embeddings, config.json says ${dim}`);
    // Scatter the compact batch back to the input rows.
    let src = 0;
    for (let row = 0; row < inputs.length; row++) {
      if (valid[row]) data.set(out.data.subarray(src * dim, ++src * dim), row * dim);
    }
    return { data, dim, valid, errors };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
