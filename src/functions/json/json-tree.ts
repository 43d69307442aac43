/**
 * json (not jsonb) values as the json functions see them: the text as written, parsed into a
 * tree whose nodes keep their source span, so `->` returns an element exactly as written and
 * objects keep duplicate keys in order (PostgreSQL's json is its input text).
 */
import { JsonToken, type JsonLexer } from '../../types/json-lexer.js';
import { parseJson, type JsonSink } from '../../types/json-parser.js';

export type JsonTree =
  | { readonly kind: 'object'; readonly raw: string; readonly entries: readonly (readonly [string, JsonTree])[] }
  | { readonly kind: 'array'; readonly raw: string; readonly items: readonly JsonTree[] }
  | { readonly kind: 'string'; readonly raw: string; readonly value: string }
  | { readonly kind: 'number' | 'boolean' | 'null'; readonly raw: string };

interface Frame {
  readonly start: number;
  readonly keys: string[] | undefined;
  readonly values: JsonTree[];
}

class JsonTreeSink implements JsonSink {
  result: JsonTree | undefined;
  private readonly frames: Frame[] = [];

  constructor(private readonly text: string) {}

  beginObject(lexer: JsonLexer): void {
    this.frames.push({ start: lexer.tokenStart, keys: [], values: [] });
  }

  key(name: string): void {
    this.frames[this.frames.length - 1]!.keys!.push(name);
  }

  endObject(lexer: JsonLexer): void {
    const frame = this.frames.pop()!;
    const entries = frame.keys!.map((k, i) => [k, frame.values[i]!] as const);
    this.add({ kind: 'object', raw: this.text.slice(frame.start, lexer.tokenEnd), entries });
  }

  beginArray(lexer: JsonLexer): void {
    this.frames.push({ start: lexer.tokenStart, keys: undefined, values: [] });
  }

  endArray(lexer: JsonLexer): void {
    const frame = this.frames.pop()!;
    this.add({ kind: 'array', raw: this.text.slice(frame.start, lexer.tokenEnd), items: frame.values });
  }

  scalar(lexer: JsonLexer): void {
    const raw = lexer.lexeme();
    switch (lexer.token) {
      case JsonToken.String: this.add({ kind: 'string', raw, value: lexer.stringValue }); break;
      case JsonToken.Number: this.add({ kind: 'number', raw }); break;
      case JsonToken.Null: this.add({ kind: 'null', raw }); break;
      default: this.add({ kind: 'boolean', raw }); break;
    }
  }

  private add(tree: JsonTree): void {
    const top = this.frames[this.frames.length - 1];
    if (top) top.values.push(tree);
    else this.result = tree;
  }
}

/** Parses json text (22P02 with PostgreSQL's DETAIL when it is not JSON). */
export function parseJsonTree(text: string): JsonTree {
  const sink = new JsonTreeSink(text);
  parseJson(text, sink, true);
  return sink.result!;
}

/** The member `key` of an object (last duplicate wins), or element `index` of an array (negative from the end). */
export function jsonChild(tree: JsonTree, step: string | number): JsonTree | undefined {
  if (typeof step === 'number') {
    if (tree.kind !== 'array') return undefined;
    return tree.items[step < 0 ? tree.items.length + step : step];
  }
  if (tree.kind === 'object') {
    for (let i = tree.entries.length - 1; i >= 0; i--) if (tree.entries[i]![0] === step) return tree.entries[i]![1];
    return undefined;
  }
  return undefined;
}

/** `->>`: strings unquoted, JSON null as SQL NULL, anything else as its text. */
export function jsonAsText(tree: JsonTree): string | null {
  if (tree.kind === 'string') return tree.value;
  if (tree.kind === 'null') return null;
  return tree.raw;
}
