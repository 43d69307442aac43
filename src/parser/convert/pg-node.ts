/**
 * Reading libpg-query's parse tree: a node is a one-key object `{ Tag: body }` (the types come
 * from @pgsql/types, re-exported by libpg-query). Defaults are omitted from the JSON (0, false,
 * '' and empty lists are absent), so every reader here supplies them.
 */
import type { Node } from 'libpg-query';

export type { Node } from 'libpg-query';

/** The node's tag, e.g. 'A_Expr'. */
export function tagOf(node: Node): string {
  for (const key in node) return key;
  return '';
}

/** The text of a `String` node (identifiers, operator names); '' when absent. */
export function stringOf(node: Node | undefined): string {
  return node !== undefined && 'String' in node ? node.String.sval ?? '' : '';
}

/** The texts of a list of `String` nodes (qualified names, column lists). */
export function stringsOf(list: readonly Node[] | undefined): string[] {
  return (list ?? []).map(stringOf);
}

/** The items of a `List` node. */
export function listItems(node: Node | undefined): Node[] {
  return node !== undefined && 'List' in node ? node.List.items ?? [] : [];
}
