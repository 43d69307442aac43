/**
 * The two ONNX Runtime sessions of a CLIP model, with their input and output names found by looking
 * at the graphs (Xenova exports name them pixel_values/image_embeds and input_ids[/attention_mask]/
 * text_embeds; some text exports also want attention_mask, some take int32 ids).
 * `run()` blocks the calling thread: use these only inside pool workers.
 */
import * as ort from 'onnxruntime-node';
import type { ClipModelFiles } from '../model/model-files.js';
import type { TokenBatch } from './tokenizer.js';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';

export interface SessionOptions {
  /** Threads ONNX Runtime uses inside one run; pool workers × this should not exceed the cores. */
  readonly intraOpNumThreads: number;
}

/** A loaded CLIP model: `visionEmbeds` and `textEmbeds` return raw (unnormalised) [batch, dim] rows. */
export class ClipSession {
  private constructor(
    private readonly vision: ort.InferenceSession,
    private readonly text: ort.InferenceSession,
    private readonly names: {
      readonly pixels: string;
      readonly imageOut: string;
      readonly ids: string;
      readonly idsType: 'int64' | 'int32';
      readonly mask: string | undefined;
      readonly textOut: string;
      readonly dynamicLength: boolean;
    },
  ) {}

  static async load(files: ClipModelFiles, options: SessionOptions): Promise<ClipSession> {
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ['cpu'],
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    const open = (path: string) =>
      ort.InferenceSession.create(path, sessionOptions).catch((err: Error) => {
        throw new SqlError(SQLSTATE.InvalidParameterValue, `could not load ONNX model ${path}: ${err.message}`);
      });
    const vision = await open(files.visionModel);
    const text = await open(files.textModel);
    const ids = pick(text.inputNames, ['input_ids'], files.textModel, 'input');
    const idsMeta = text.inputMetadata.find((m) => m.name === ids);
    return new ClipSession(vision, text, {
      pixels: pick(vision.inputNames, ['pixel_values'], files.visionModel, 'input'),
      imageOut: pick(vision.outputNames, ['image_embeds'], files.visionModel, 'output'),
      ids,
      idsType: idsMeta?.isTensor && idsMeta.type === 'int32' ? 'int32' : 'int64',
      mask: text.inputNames.includes('attention_mask') ? 'attention_mask' : undefined,
      textOut: pick(text.outputNames, ['text_embeds'], files.textModel, 'output'),
      dynamicLength: idsMeta?.isTensor === true && !(typeof idsMeta.shape[1] === 'number' && idsMeta.shape[1] >= 0),
    });
  }

  /** True when the text graph takes any sequence length (a symbolic dim), so texts need not be padded to 77. */
  get textLengthIsDynamic(): boolean {
    return this.names.dynamicLength;
  }

  /** pixel_values [batch,3,h,w] → image_embeds, flat [batch, dim]. */
  async visionEmbeds(pixels: Float32Array, batch: number, height: number, width: number): Promise<Embeddings> {
    const feeds = { [this.names.pixels]: new ort.Tensor('float32', pixels, [batch, 3, height, width]) };
    const out = await this.vision.run(feeds, [this.names.imageOut]);
    return embeddingsOf(out[this.names.imageOut]!, batch);
  }

  /** A token batch → text_embeds, flat [batch, dim]. */
  async textEmbeds(tokens: TokenBatch): Promise<Embeddings> {
    const dims = [tokens.batch, tokens.contextLength];
    const asTensor = (v: BigInt64Array) =>
      this.names.idsType === 'int32'
        ? new ort.Tensor('int32', Int32Array.from(v, Number), dims)
        : new ort.Tensor('int64', v, dims);
    const feeds: Record<string, ort.Tensor> = { [this.names.ids]: asTensor(tokens.inputIds) };
    if (this.names.mask) feeds[this.names.mask] = asTensor(tokens.attentionMask);
    const out = await this.text.run(feeds, [this.names.textOut]);
    return embeddingsOf(out[this.names.textOut]!, tokens.batch);
  }

  async release(): Promise<void> {
    await this.vision.release();
    await this.text.release();
  }
}

/** Row-major [batch, dim] float32 embeddings. */
export interface Embeddings {
  readonly data: Float32Array;
  readonly dim: number;
}

function embeddingsOf(tensor: ort.Tensor, batch: number): Embeddings {
  if (tensor.type !== 'float32' || tensor.dims.length !== 2 || tensor.dims[0] !== batch) {
    throw new SqlError(SQLSTATE.InternalError, `unexpected embedding output ${tensor.type} [${tensor.dims.join(',')}]`);
  }
  return { data: tensor.data as Float32Array, dim: tensor.dims[1]! };
}

/** The first preferred name present, else the only name; otherwise an error listing what is there. */
function pick(names: readonly string[], preferred: readonly string[], path: string, what: string): string {
  const found = preferred.find((p) => names.includes(p)) ?? (names.length === 1 ? names[0] : undefined);
  if (found === undefined) {
    throw new SqlError(
      SQLSTATE.InvalidParameterValue,
      `${path}: no ${what} named ${preferred.join(' or ')} (it has ${names.join(', ')})`,
    );
  }
  return found;
}
