// What the tree already has, read from the handler folders themselves: the folder names, the
// API kind each handler.ts defines and the TICKscript property each tick.ts defines. A new
// kind must not take any of them over (`--tick-name foo` must not steal another kind's
// `.foo()`). Syntax only: the files are parsed, never imported.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { cachedAnalysis, keepAnalysis } from './analysis-cache.js';
import type { Plan } from './plan.js';

export interface Inventory {
  /** Folder names under src/services/. */
  folders: string[];
  /** API kind (`post`) → folder (`httppost`). */
  apiKinds: Map<string, string>;
  /** TICKscript property, first letter lower-cased (`pagerDuty2`) → folder. */
  tickProperties: Map<string, string>;
}

export const emptyInventory: Inventory = {
  folders: [],
  apiKinds: new Map(),
  tickProperties: new Map(),
};

/** TICKscript looks properties up with the first letter in either case. */
export function tickKey(property: string): string {
  return property.charAt(0).toLowerCase() + property.slice(1);
}

export function readInventory(root: string): Inventory {
  const dir = path.join(root, 'src', 'services');
  let folders: string[];
  try {
    folders = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return { folders: [], apiKinds: new Map(), tickProperties: new Map() };
  }
  const apiKinds = new Map<string, string>();
  const tickProperties = new Map<string, string>();
  for (const folder of folders) {
    const [kind, property] = inventoryReads.map((r) =>
      definedString(path.join(dir, folder, r.file), r.callee, r.key),
    );
    if (kind !== undefined) apiKinds.set(kind, folder);
    if (property !== undefined) tickProperties.set(tickKey(property), folder);
  }
  return { folders, apiKinds, tickProperties };
}

/** What the inventory reads of each handler folder: the API kind, the TICKscript property. */
export const inventoryReads = [
  { file: 'handler.ts', callee: 'defineHandlerKind', key: 'kind' },
  { file: 'tick.ts', callee: 'defineTickHandler', key: 'property' },
] as const;

const analysis = 'definedString';

/** The string value of `key` in the object passed to `callee({...})` in a file, if any. */
function definedString(file: string, callee: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const found = cachedAnalysis(analysis, [text, callee, key], () =>
    definedStringIn(file, text, callee, key),
  );
  return found ?? undefined;
}

/**
 * Keep what the inventory reads of a kind's files as a plan wrote them, found by another parser
 * (`definedString`: the formatting worker's), so that the next run's inventory need not load
 * TypeScript for them. A text that parser cannot read is left to TypeScript's (and its
 * message) next time.
 */
export async function keepInventoryOf(
  plan: Plan,
  kind: string,
  definedString:
    ((text: string, callee: string, key: string) => Promise<string | null>) | undefined,
): Promise<void> {
  if (!definedString) return;
  await Promise.all(
    inventoryReads.map(async ({ file, callee, key }) => {
      const text = plan.tryRead(`src/services/${kind}/${file}`);
      if (text === undefined) return;
      const found = await definedString(text, callee, key).catch(() => undefined);
      if (found !== undefined) keepAnalysis(analysis, [text, callee, key], found);
    }),
  );
}

/** The string `key` has in the first `callee({...})` of a text, with TypeScript's parser. */
export function definedStringIn(
  file: string,
  text: string,
  callee: string,
  key: string,
): string | null {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined) return;
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === callee
    ) {
      const arg = node.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          if (
            ts.isPropertyAssignment(p) &&
            ts.isIdentifier(p.name) &&
            p.name.text === key &&
            ts.isStringLiteralLike(p.initializer)
          ) {
            found = p.initializer.text;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found ?? null;
}
