/**
 * Case-insensitive matching without RegExp's `i` flag. V8's linear-time engine (the fallback
 * that keeps `~ '^(a+)+$'` from backtracking exponentially, see posix-regex.ts) rejects the `i`
 * flag, so a case-insensitive pattern is rewritten: each letter becomes a class of its case
 * variants, and bracket classes gain the variants of their members.
 */

/** Ranges wider than this are not expanded (the caller then falls back to the `i` flag). */
const MAX_EXPANDED_RANGE = 0x3000;

/** The single-unit case variants of a character, itself included. */
function variants(ch: string): string[] {
  const out = [ch];
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if (v.length === ch.length && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Escapes a character for use inside a RegExp bracket class. */
export function classChar(ch: string): string {
  return /[\\\]^-]/.test(ch) ? `\\${ch}` : ch;
}

/** A literal character outside brackets, matching either case: `a` → `[aA]`. */
export function foldLiteral(ch: string, escaped: string): string {
  const all = variants(ch);
  return all.length === 1 ? escaped : `[${all.map(classChar).join('')}]`;
}

/**
 * The case variants of every character in `from`–`to` that fall outside the range, as
 * bracket-class text; undefined when the range is too wide to enumerate.
 */
export function foldRange(from: number, to: number): string | undefined {
  if (to - from > MAX_EXPANDED_RANGE) return undefined;
  let extra = '';
  for (let code = from; code <= to; code++) {
    for (const v of variants(String.fromCharCode(code)).slice(1)) {
      const c = v.charCodeAt(0);
      if (c < from || c > to) extra += classChar(v);
    }
  }
  return extra;
}

/** Extra class members for a single bracket member character. */
export function foldClassChar(ch: string): string {
  return variants(ch).slice(1).map(classChar).join('');
}
