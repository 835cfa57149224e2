// Format the files a plan creates or updates with prettier and the project's own config, so
// generated and rewired files look hand-written and `npm run format:check` stays clean. Only
// files in the plan are touched; files prettier ignores (.prettierignore) are left as staged.

import path from 'node:path';
import * as prettier from 'prettier';
import type { Plan } from './plan.js';

const formattedExtensions = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.md', '.json']);

/** Format every created or updated file of the plan; returns the paths whose text changed. */
export async function formatPlan(plan: Plan): Promise<string[]> {
  const reformatted: string[] = [];
  const ignorePath = path.join(plan.root, '.prettierignore');
  for (const change of plan.changes()) {
    if (change.after === undefined) continue;
    if (!formattedExtensions.has(path.extname(change.path))) continue;
    const file = plan.absolute(change.path);
    const info = await prettier.getFileInfo(file, { ignorePath });
    if (info.ignored) continue;
    const config = (await prettier.resolveConfig(file)) ?? {};
    // A file that uses CRLF keeps it: prettier's default would rewrite every line ending.
    const endOfLine = change.before?.includes('\r\n') ? { endOfLine: 'crlf' as const } : {};
    let formatted: string;
    try {
      formatted = await prettier.format(change.after, { ...config, ...endOfLine, filepath: file });
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new Error(`${change.path}: cannot be formatted: ${message}`, { cause: err });
    }
    if (formatted !== change.after) {
      plan.write(change.path, formatted);
      reformatted.push(change.path);
    }
  }
  return reformatted;
}
