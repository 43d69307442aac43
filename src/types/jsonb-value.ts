/**
 * A jsonb value: its tree (jsonb-node.ts) and its text, each computed at most once. Input
 * parses the text once; values read back from storage keep their stored (normal-form) text and
 * are parsed only if an operator looks inside; values built by functions render their text
 * only when output needs it. `toString()` is the jsonb_out text.
 */
import { Decimal } from 'decimal.js';
import type { JsonLexer } from './json-lexer.js';
import { JsonToken } from './json-lexer.js';
import { MAX_JSON_DEPTH, parseJson, type JsonSink } from './json-parser.js';
import { JsonbObject, type JsonbNode } from './jsonb-node.js';
import { renderJsonb } from './jsonb-text.js';
import { parseNumeric } from './numeric-codec.js';

export class JsonbValue {
  private node: JsonbNode | undefined;
  private text: string | undefined;
  private parsed: boolean;

  private constructor(node: JsonbNode | undefined, text: string | undefined, parsed: boolean) {
    this.node = node;
    this.text = text;
    this.parsed = parsed;
  }

  /** A value holding `node`. */
  static of(node: JsonbNode): JsonbValue {
    return new JsonbValue(node, undefined, true);
  }

  /** jsonb_in: parses `text` now (22P02 / 54001 as PostgreSQL). */
  static parse(text: string, maxDepth = MAX_JSON_DEPTH): JsonbValue {
    return new JsonbValue(parseJsonb(text, maxDepth), undefined, true);
  }

  /** Text already in jsonb's normal form (as stored), parsed on first use. */
  static fromNormalText(text: string): JsonbValue {
    return new JsonbValue(undefined, text, false);
  }

  /** The tree. */
  get root(): JsonbNode {
    if (!this.parsed) {
      this.node = parseJsonb(this.text!, Number.MAX_SAFE_INTEGER);
      this.parsed = true;
    }
    return this.node!;
  }

  /** jsonb_out's text. */
  toString(): string {
    if (this.text === undefined) this.text = renderJsonb(this.node!);
    return this.text;
  }
}

/** Builds jsonb trees from parse events. */
class JsonbTreeSink implements JsonSink {
  result: JsonbNode = null;
  private readonly frames: { keys: string[] | undefined; values: JsonbNode[] }[] = [];

  beginObject(): void {
    this.frames.push({ keys: [], values: [] });
  }

  key(name: string): void {
    this.frames[this.frames.length - 1]!.keys!.push(name);
  }

  endObject(): void {
    const frame = this.frames.pop()!;
    this.add(JsonbObject.fromPairs(frame.keys!, frame.values));
  }

  beginArray(): void {
    this.frames.push({ keys: undefined, values: [] });
  }

  endArray(): void {
    this.add(this.frames.pop()!.values);
  }

  scalar(lexer: JsonLexer): void {
    switch (lexer.token) {
      case JsonToken.String: this.add(lexer.stringValue); break;
      case JsonToken.True: this.add(true); break;
      case JsonToken.False: this.add(false); break;
      case JsonToken.Null: this.add(null); break;
      default: this.add(parseJsonNumber(lexer.lexeme())); break;
    }
  }

  private add(node: JsonbNode): void {
    const top = this.frames[this.frames.length - 1];
    if (top) top.values.push(node);
    else this.result = node;
  }
}

/** A JSON number token as numeric (`1e2` → 100, `1.50` keeps its scale). */
export function parseJsonNumber(token: string): Decimal {
  return parseNumeric(token);
}

/** jsonb_in's parse of `text` into a tree. */
export function parseJsonb(text: string, maxDepth = MAX_JSON_DEPTH): JsonbNode {
  const sink = new JsonbTreeSink();
  parseJson(text, sink, true, maxDepth);
  return sink.result;
}
