/** The names a module exports at top level, from its Babel program (prettier's `babel-ts`). */
export function exportedNamesOf(program: { body: unknown[] }): string[];
/**
 * The string given as `key` to the first `callee({ ... })` call, from its Babel program, or
 * null (generators/inventory.ts finds the same with TypeScript's parser).
 */
export function definedStringOf(program: object, callee: string, key: string): string | null;
