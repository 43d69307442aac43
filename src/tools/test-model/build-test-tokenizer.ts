/**
 * Builds the TEST model's tokenizer.json: CLIP's exact pipeline (normaliser, pre-tokeniser,
 * byte-level BPE with `</w>`, RobertaProcessing with BOS/EOS as the last two ids) over a tiny
 * vocabulary: the 512 byte tokens plus just enough merges to make each known word one token.
 */
import { clipByteAlphabet } from './byte-alphabet.js';

const END_OF_WORD = '</w>';
export const TEST_BOS = '<|startoftext|>';
export const TEST_EOS = '<|endoftext|>';
/** CLIP's pre-tokeniser pattern, copied verbatim from its tokenizer.json. */
const CLIP_SPLIT_PATTERN =
  "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

export interface TestTokenizer {
  /** The tokenizer.json document. */
  readonly json: Record<string, unknown>;
  /** token → id, including the specials. */
  readonly vocab: ReadonlyMap<string, number>;
  readonly bosId: number;
  readonly eosId: number;
}

/**
 * @param words lower-case ASCII words that must each become exactly one token (`word</w>`).
 */
export function buildTestTokenizer(words: readonly string[]): TestTokenizer {
  const bytes = clipByteAlphabet();
  const tokens = [...bytes, ...bytes.map((c) => c + END_OF_WORD)];
  const merges: [string, string][] = [];
  const rank = new Map<string, number>();
  for (const word of words) {
    // Appending merges at the lowest priority never changes how earlier words split: at every step of
    // their (complete) merging an older, higher-priority merge was available.
    for (;;) {
      const symbols = applyMerges(word, rank);
      if (symbols.length === 1) break;
      const pair: [string, string] = [symbols[0]!, symbols[1]!];
      rank.set(pair.join(' '), merges.length);
      merges.push(pair);
      tokens.push(pair.join(''));
    }
  }
  const vocab = new Map<string, number>(tokens.map((t, i) => [t, i]));
  const bosId = tokens.length;
  const eosId = bosId + 1;
  vocab.set(TEST_BOS, bosId);
  vocab.set(TEST_EOS, eosId);
  return { json: tokenizerJson(vocab, merges, bosId, eosId), vocab, bosId, eosId };
}

/** Byte-level BPE of one ASCII word under the given merge ranks (lowest rank first). */
function applyMerges(word: string, rank: ReadonlyMap<string, number>): string[] {
  const symbols = [...word];
  symbols[symbols.length - 1] += END_OF_WORD;
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const r = rank.get(`${symbols[i]} ${symbols[i + 1]}`);
      if (r !== undefined && r < bestRank) {
        best = i;
        bestRank = r;
      }
    }
    if (best < 0) return symbols;
    symbols.splice(best, 2, symbols[best]! + symbols[best + 1]!);
  }
}

function tokenizerJson(
  vocab: ReadonlyMap<string, number>,
  merges: readonly [string, string][],
  bosId: number,
  eosId: number,
): Record<string, unknown> {
  const special = (id: number, content: string, normalized: boolean) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized, special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(bosId, TEST_BOS, true), special(eosId, TEST_EOS, false)],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
        { type: 'Lowercase' },
      ],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: CLIP_SPLIT_PATTERN }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [TEST_EOS, eosId],
      cls: [TEST_BOS, bosId],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: TEST_EOS,
      continuing_subword_prefix: '',
      end_of_word_suffix: END_OF_WORD,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab),
      merges: merges.map((m) => m.join(' ')),
    },
  };
}
