// Templates that only print fields of dot, such as Kapacitor's default alert message
// `{{ .ID }} is {{ .Level }}`, rendered by concatenation: they run for every alert event.
// Only when dot is a plain object whose fields are strings, where exec.ts would print each
// string as it is (HTML-escaped in HTML mode); for any other data the caller runs exec.ts.

import type { ListNode } from './ast.js';
import { htmlTextEscape } from './escape.js';

/** Literal text, or the name of a field of dot to print. */
export type SimplePart = { text: string } | { field: string };

/** The parts of a template made only of text and `{{ .Field }}` actions, else undefined. */
export function simpleParts(root: ListNode): SimplePart[] | undefined {
  const parts: SimplePart[] = [];
  for (const node of root.nodes) {
    if (node.type === 'text') {
      parts.push({ text: node.text });
      continue;
    }
    if (node.type !== 'action' || node.pipe.decl.length > 0 || node.pipe.cmds.length !== 1)
      return undefined;
    const args = node.pipe.cmds[0]!.args;
    const arg = args[0];
    if (args.length !== 1 || arg?.type !== 'field' || arg.ident.length !== 1) return undefined;
    parts.push({ field: arg.ident[0]! });
  }
  return parts;
}

/** The rendered text, or undefined when `data` is not what the fast path handles. */
export function renderSimple(
  parts: readonly SimplePart[],
  data: unknown,
  html: boolean,
): string | undefined {
  // A plain object has no template methods, so `.Field` is its own enumerable property.
  if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype)
    return undefined;
  const record = data as Record<string, unknown>;
  let out = '';
  for (const part of parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    if (!Object.prototype.propertyIsEnumerable.call(record, part.field)) return undefined;
    const value = record[part.field];
    if (typeof value !== 'string') return undefined;
    out += html ? htmlTextEscape(value) : value;
  }
  return out;
}
