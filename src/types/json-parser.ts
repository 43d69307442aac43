/**
 * PostgreSQL's JSON grammar (pg_parse_json) over the lexer, with an explicit stack instead of
 * recursion, reporting each error in the context PostgreSQL's recursive parser would be in.
 * What is built is the sink's business: nothing (json_in), a jsonb tree, or a tree of source
 * spans (the json functions).
 */
import { stackDepthExceeded } from '../common/sql-error.js';
import { JsonLexer, JsonToken } from './json-lexer.js';

/** Receives the parse as events; `lexer` is positioned on the token being reported. */
export interface JsonSink {
  beginObject(lexer: JsonLexer): void;
  /** An object member's name; its value follows. */
  key(name: string): void;
  endObject(lexer: JsonLexer): void;
  beginArray(lexer: JsonLexer): void;
  endArray(lexer: JsonLexer): void;
  /** A string, number, true, false or null token. */
  scalar(lexer: JsonLexer): void;
}

/**
 * Deepest nesting accepted. PostgreSQL's limit is its stack (about 14,000 levels with the
 * default max_stack_depth of 2MB); below that round figure, everything we accept it accepts.
 */
export const MAX_JSON_DEPTH = 10_000;

/** The lexer's current token (a call, so TypeScript does not narrow it across `next()`). */
function current(lex: JsonLexer): JsonToken {
  return lex.token;
}

function isScalarToken(token: JsonToken): boolean {
  return token === JsonToken.String || token === JsonToken.Number || token === JsonToken.True
    || token === JsonToken.False || token === JsonToken.Null;
}

/**
 * Parses `text`, reporting to `sink`; throws 22P02 with PostgreSQL's DETAIL and CONTEXT, or
 * 54001 past `maxDepth`. `decode` de-escapes strings (and checks their \u escapes).
 */
export function parseJson(text: string, sink: JsonSink | undefined, decode: boolean, maxDepth = MAX_JSON_DEPTH): void {
  const lex = new JsonLexer(text, decode);
  lex.next();
  // true for an object being read, false for an array.
  const open: boolean[] = [];
  for (;;) {
    // A value starts at the current token.
    const token = lex.token;
    let closed = false;
    if (token === JsonToken.ObjectStart || token === JsonToken.ArrayStart) {
      if (open.length >= maxDepth) throw stackDepthExceeded();
      const object = token === JsonToken.ObjectStart;
      if (object) sink?.beginObject(lex);
      else sink?.beginArray(lex);
      lex.next();
      if (current(lex) === (object ? JsonToken.ObjectEnd : JsonToken.ArrayEnd)) {
        if (object) sink?.endObject(lex);
        else sink?.endArray(lex);
        lex.next();
        closed = true;
      } else {
        open.push(object);
        if (object) {
          if (current(lex) !== JsonToken.String) throw lex.unexpected('object-start');
          readKey(lex, sink);
        }
        continue;
      }
    } else if (isScalarToken(token)) {
      sink?.scalar(lex);
      lex.next();
      closed = true;
    } else {
      throw lex.unexpected('value');
    }
    // The value is complete: read separators and close the containers that end here.
    for (; closed;) {
      if (open.length === 0) {
        if (lex.token !== JsonToken.End) throw lex.unexpected('end');
        return;
      }
      const object = open[open.length - 1]!;
      if (lex.token === JsonToken.Comma) {
        lex.next();
        if (object) {
          if (current(lex) !== JsonToken.String) throw lex.unexpected('string');
          readKey(lex, sink);
        }
        closed = false;
      } else {
        if (lex.token !== (object ? JsonToken.ObjectEnd : JsonToken.ArrayEnd)) {
          throw lex.unexpected(object ? 'object-next' : 'array-next');
        }
        if (object) sink?.endObject(lex);
        else sink?.endArray(lex);
        open.pop();
        lex.next();
      }
    }
  }
}

/** An object member's name and the colon after it; the lexer ends on the value's first token. */
function readKey(lex: JsonLexer, sink: JsonSink | undefined): void {
  sink?.key(lex.stringValue);
  lex.next();
  if (current(lex) !== JsonToken.Colon) throw lex.unexpected('object-label');
  lex.next();
}

/** json_in: checks `text` is JSON (string escapes only for their form), keeps it as written. */
export function validateJson(text: string, maxDepth = MAX_JSON_DEPTH): string {
  parseJson(text, undefined, false, maxDepth);
  return text;
}
