// Format the files a plan creates or updates with prettier and the project's own config, so
// generated and rewired files look hand-written and `npm run format:check` stays clean. Only
// files in the plan are touched; files prettier ignores (.prettierignore) are left as staged.

import path from 'node:path';
import { formatCacheKey, readFormatCache, writeFormatCache } from './format-cache.js';
import { formattedByStatements } from './format-statements.js';
import type { Plan } from './plan.js';

/** Prettier's configuration files as each plan (one command) found them, by folder. */
const configsSeen = new WeakMap<Plan, Map<string, string | null>>();

const formattedExtensions = new Set(['.ts', '.mts', '.cts', '.js', '.mjs', '.md', '.json']);

/**
 * Format every created or updated file of the plan; returns the paths whose text changed. An
 * updated TypeScript file (a touch point) is formatted by the statements that changed when
 * that gives prettier's answer (format-statements.ts), else whole.
 */
export async function formatPlan(plan: Plan): Promise<string[]> {
  const reformatted: string[] = [];
  for (const change of plan.changes()) {
    if (change.after === undefined) continue;
    // A file that uses CRLF keeps it: prettier's default would rewrite every line ending.
    const crlf = change.before?.includes('\r\n') ?? false;
    const byStatements =
      change.before !== undefined && path.extname(change.path) === '.ts'
        ? await formattedByStatements(change.path, change.before, change.after, (text) =>
            formatText(plan, change.path, text),
          )
        : undefined;
    const formatted = byStatements ?? (await formatText(plan, change.path, change.after, crlf));
    if (formatted !== change.after) {
      plan.write(change.path, formatted);
      reformatted.push(change.path);
    }
  }
  return reformatted;
}

/**
 * `text` as prettier formats it for the repo-relative `file` (as is when prettier skips it):
 * from the format cache when prettier formatted the same text under the same configuration
 * before (generators/format-cache.ts), else by prettier, loaded on first use.
 */
export async function formatText(
  plan: Plan,
  file: string,
  text: string,
  crlf = false,
): Promise<string> {
  if (!formattedExtensions.has(path.extname(file))) return text;
  let seen = configsSeen.get(plan);
  if (!seen) configsSeen.set(plan, (seen = new Map()));
  const key = formatCacheKey({ root: plan.root, file, text, crlf }, seen);
  const cached = key === undefined ? undefined : readFormatCache(key);
  if (cached !== undefined) return cached;
  const formatted = await prettierFormat(plan, file, text, crlf);
  if (key !== undefined) writeFormatCache(key, formatted);
  return formatted;
}

async function prettierFormat(
  plan: Plan,
  file: string,
  text: string,
  crlf: boolean,
): Promise<string> {
  const prettier = await import('prettier');
  const absolute = plan.absolute(file);
  const info = await prettier.getFileInfo(absolute, {
    ignorePath: path.join(plan.root, '.prettierignore'),
  });
  if (info.ignored) return text;
  const config = (await prettier.resolveConfig(absolute)) ?? {};
  try {
    return await prettier.format(text, {
      ...config,
      ...(crlf ? { endOfLine: 'crlf' as const } : {}),
      filepath: absolute,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`${file}: cannot be formatted: ${message}`, { cause: err });
  }
}
