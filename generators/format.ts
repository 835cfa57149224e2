// Format the files a plan creates or updates with prettier and the project's own config, so
// generated and rewired files look hand-written and `npm run format:check` stays clean. Only
// files in the plan are touched; files prettier ignores (.prettierignore) are left as staged.

import path from 'node:path';
import { formatCacheKey, readFormatCache, writeFormatCache } from './format-cache.js';
import {
  formattedByOutline,
  formattedByStatements,
  type StatementSpan,
} from './format-statements.js';
import { startFormatWorker, type FormatWorker } from './format-worker.js';
import type { Plan } from './plan.js';

/** Prettier's configuration files as each plan (one command) found them, by folder. */
const configsSeen = new WeakMap<Plan, Map<string, string | null>>();
/** Formatting already asked for by each plan, by cache key: a prefetched file is done once. */
const requested = new WeakMap<Plan, Map<string, Promise<string>>>();
/** Prettier in a worker thread, while a command runs in `withFormatWorker`. */
let worker: FormatWorker | undefined;

/**
 * Run `work` with prettier in a worker thread (format-worker.js): `prestarted` when the
 * launcher started it at the process's start (generators/launch.js), else started now, so
 * that it loads while the command does its other work; stopped when `work` settles.
 */
export async function withFormatWorker<T>(
  root: string,
  work: () => Promise<T>,
  prestarted?: FormatWorker,
): Promise<T> {
  if (worker) {
    await prestarted?.close();
    return work();
  }
  const started = prestarted ?? startFormatWorker(root);
  worker = started;
  try {
    return await work();
  } finally {
    worker = undefined;
    await started.close();
  }
}

/**
 * Start formatting the files the plan creates, in the worker, without waiting: `formatPlan`
 * later finds them done or under way. Nothing without a worker (formatting in this thread
 * now would only delay the work that follows).
 */
export function prefetchFormat(plan: Plan): void {
  if (!worker) return;
  for (const change of plan.changes()) {
    if (change.kind !== 'created' || change.after === undefined) continue;
    if (inThisThread(change.path)) continue; // formatPlan does it, once the worker has its jobs
    // A failure is reported by formatPlan, which asks for the same file again.
    formatText(plan, change.path, change.after).catch(() => undefined);
  }
}

/**
 * The names a TypeScript text exports, read by the worker's parser (prettier's), or undefined
 * without a worker.
 */
export function workerExportedNames(): ((text: string) => Promise<string[]>) | undefined {
  const current = worker;
  return current && ((text) => current.exportedNames(text));
}

/**
 * The string a TypeScript text gives as `key` to its first `callee({ ... })`, read by the
 * worker's parser, or undefined without a worker.
 */
export function workerDefinedString():
  ((text: string, callee: string, key: string) => Promise<string | null>) | undefined {
  const current = worker;
  return current && ((text, callee, key) => current.definedString(text, callee, key));
}

/** A file a plan updated by insertions into its text as it was (an outlined wiring). */
export interface InsertedInto {
  before: string;
  statements: StatementSpan[];
  inserts: ReadonlyArray<{ pos: number; text: string }>;
}

/**
 * Let the worker resolve prettier's settings of files the plan will update (the touch
 * points), before their formatting is asked for.
 */
export function prepareFormat(plan: Plan, files: string[]): void {
  if (!worker) return;
  const formatted = files.filter((f) => formattedExtensions.has(path.extname(f)));
  worker.prepare(
    formatted.map((f) => plan.absolute(f)),
    path.join(plan.root, '.prettierignore'),
  );
}

// YAML: the spec new-handler writes for a kind made from flags (generators/catalogue/<kind>.yaml).
const formattedExtensions = new Set([
  '.ts',
  '.mts',
  '.cts',
  '.js',
  '.mjs',
  '.md',
  '.json',
  '.yaml',
]);

/**
 * Markdown (a kind's README) and YAML (its spec) are formatted in the command's own thread,
 * even with a worker: the thread has nothing else to do while the worker formats the
 * TypeScript, and the worker then never loads prettier's Markdown and YAML parsers.
 */
function inThisThread(file: string): boolean {
  const extension = path.extname(file);
  return extension === '.md' || extension === '.yaml';
}

/**
 * Format every created or updated file of the plan; returns the paths whose text changed. An
 * updated TypeScript file (a touch point) is formatted by the statements that changed when
 * that gives prettier's answer (format-statements.ts), else whole.
 */
export async function formatPlan(
  plan: Plan,
  insertedInto: ReadonlyMap<string, InsertedInto> = new Map(),
): Promise<string[]> {
  const changes = plan.changes().filter((c) => c.after !== undefined);
  // Every file at once, so that this thread parses touch points while the worker formats;
  // a failure is reported for the first failing file in the plan's order.
  const settled = await Promise.allSettled(
    changes.map(async (change) => {
      const after = change.after!;
      // A file that uses CRLF keeps it: prettier's default would rewrite every line ending.
      const crlf = change.before?.includes('\r\n') ?? false;
      const format = (text: string) => formatText(plan, change.path, text);
      const inserted = insertedInto.get(change.path);
      // Known insertions into the text as it was: its statements need no parse.
      const byOutline =
        inserted && inserted.before === change.before
          ? await formattedByOutline(inserted.before, inserted.statements, inserted.inserts, format)
          : undefined;
      if (byOutline === after) return after;
      const byStatements =
        change.before !== undefined && path.extname(change.path) === '.ts'
          ? await formattedByStatements(change.path, change.before, after, format)
          : undefined;
      return byStatements ?? (await formatText(plan, change.path, after, crlf));
    }),
  );
  const reformatted: string[] = [];
  for (const [i, result] of settled.entries()) {
    if (result.status === 'rejected') throw result.reason;
    const change = changes[i]!;
    if (result.value !== change.after) {
      plan.write(change.path, result.value);
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
  if (key === undefined) return prettierFormat(plan, file, text, crlf);
  const cached = readFormatCache(key);
  if (cached !== undefined) return cached;
  let asked = requested.get(plan);
  if (!asked) requested.set(plan, (asked = new Map()));
  let formatted = asked.get(key);
  if (!formatted) {
    formatted = prettierFormat(plan, file, text, crlf).then((out) => {
      writeFormatCache(key, out);
      return out;
    });
    asked.set(key, formatted);
  }
  return formatted;
}

async function prettierFormat(
  plan: Plan,
  file: string,
  text: string,
  crlf: boolean,
): Promise<string> {
  const absolute = plan.absolute(file);
  const ignorePath = path.join(plan.root, '.prettierignore');
  if (worker && !inThisThread(file)) {
    let answer;
    try {
      answer = await worker.format({ file: absolute, text, crlf, ignorePath });
    } catch (err) {
      throw cannotFormat(file, err);
    }
    return 'ignored' in answer ? text : answer.text;
  }
  const prettier = await import('prettier');
  const info = await prettier.getFileInfo(absolute, { ignorePath });
  if (info.ignored) return text;
  const config = (await prettier.resolveConfig(absolute)) ?? {};
  try {
    return await prettier.format(text, {
      ...config,
      ...(crlf ? { endOfLine: 'crlf' as const } : {}),
      filepath: absolute,
    });
  } catch (err) {
    throw cannotFormat(file, err);
  }
}

function cannotFormat(file: string, err: unknown): Error {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new Error(`${file}: cannot be formatted: ${message}`, { cause: err });
}
