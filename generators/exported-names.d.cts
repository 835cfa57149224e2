/** The names a module exports at top level, from its ESTree program (prettier's parser). */
export function exportedNamesOf(program: { body: unknown[] }): string[];
