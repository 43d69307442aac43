/**
 * CLIP text tokenisation: a Hugging Face tokenizer.json (read with @huggingface/tokenizers) plus
 * CLIP's fixed context of 77 tokens — `[BOS] + ids + [EOS]`, truncated to keep BOS and EOS, padded
 * with EOS and a zero attention mask (Hugging Face's convention; the text tower reads its output at
 * the first EOS, so padding never changes an embedding).
 *
 * @example
 * const tok = await ClipTokenizer.fromFile('/…/tokenizer.json');
 * tok.encodeOne('a photo of a cat'); // [49406, 320, 1125, 539, 320, 2368, 49407]
 */
import { readFile } from 'node:fs/promises';
import { Tokenizer } from '@huggingface/tokenizers';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';

/** CLIP's text context length (positional embeddings of the text transformer). */
export const CLIP_CONTEXT_LENGTH = 77;

/** A batch of token ids, row-major [batch, contextLength], ready to become int64 tensors. */
export interface TokenBatch {
  readonly batch: number;
  readonly contextLength: number;
  readonly inputIds: BigInt64Array;
  readonly attentionMask: BigInt64Array;
}

export class ClipTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    readonly bosId: number,
    readonly eosId: number,
    readonly contextLength: number,
  ) {}

  /** Loads a tokenizer.json file. */
  static async fromFile(path: string, contextLength = CLIP_CONTEXT_LENGTH): Promise<ClipTokenizer> {
    const text = await readFile(path, 'utf8').catch((err: Error) => {
      throw new SqlError(SQLSTATE.UndefinedFile, `could not read tokenizer ${path}: ${err.message}`);
    });
    return ClipTokenizer.fromJson(JSON.parse(text) as Record<string, unknown>, contextLength);
  }

  /** Builds from a parsed tokenizer.json; BOS/EOS come from its RobertaProcessing/TemplateProcessing. */
  static fromJson(json: Record<string, unknown>, contextLength = CLIP_CONTEXT_LENGTH): ClipTokenizer {
    const tokenizer = new Tokenizer(json, {});
    const special = (name: string) => {
      const id = tokenizer.token_to_id(name);
      if (id === undefined) throw new SqlError(SQLSTATE.InvalidParameterValue, `tokenizer.json has no ${name} token`);
      return id;
    };
    const post = json['post_processor'] as { cls?: [string, number]; sep?: [string, number] } | null;
    const bosId = post?.cls?.[1] ?? special('<|startoftext|>');
    const eosId = post?.sep?.[1] ?? special('<|endoftext|>');
    return new ClipTokenizer(tokenizer, bosId, eosId, contextLength);
  }

  /** Token ids of one text, BOS and EOS included, truncated to the context length. */
  encodeOne(text: string): number[] {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    const body = ids.slice(0, this.contextLength - 2);
    return [this.bosId, ...body, this.eosId];
  }

  /**
   * Encodes texts into a padded batch: [batch, contextLength] (`'context'`, for graphs with a fixed
   * sequence length), or only as long as the longest text (`'longest'`): CLIP's text tower is causal
   * and reads the first EOS, so the padding after it never changes an embedding, and a short query
   * costs a fraction of 77 tokens' FLOPs.
   */
  encode(texts: readonly string[], padTo: 'context' | 'longest' = 'context'): TokenBatch {
    const encoded = texts.map((text) => this.encodeOne(text));
    const n = padTo === 'longest' ? Math.max(2, ...encoded.map((ids) => ids.length)) : this.contextLength;
    const inputIds = new BigInt64Array(texts.length * n).fill(BigInt(this.eosId));
    const attentionMask = new BigInt64Array(texts.length * n);
    encoded.forEach((ids, row) => {
      ids.forEach((id, i) => {
        inputIds[row * n + i] = BigInt(id);
        attentionMask[row * n + i] = 1n;
      });
    });
    return { batch: texts.length, contextLength: n, inputIds, attentionMask };
  }
}
