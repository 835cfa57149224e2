// Regenerating the installed kinds from their specs: every kind whose spec is in
// generators/catalogue/ and whose folder is in src/services/ is rendered and formatted again.
// Writing it carries a template improvement to every kind; checking it (part of
// `npm run wire -- --check`, run by `npm test`) proves no generated file was edited by hand.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedAnalysis } from '../analysis-cache.js';
import { sha256 } from '../cache-store.js';
import { formatText } from '../format.js';
import type { Plan } from '../plan.js';
import { loadKindSpec, parseKindSpec } from './load.js';
import { kindTemplatesDir, renderKind, type RenderedFile } from './render.js';

/** Where kind specs live: Kapacitor's catalogue, and every kind generated from flags. */
export const catalogueDir = 'generators/catalogue';

export function specPath(kind: string): string {
  return `${catalogueDir}/${kind}.yaml`;
}

export interface KindFiles {
  kind: string;
  specFile: string;
  /** Generated files, repo-relative, with the content the spec and templates give. */
  generated: Array<{ path: string; content: string }>;
  /** Other files in the kind's folder: hand-written (the spec's module, ...). */
  handWritten: string[];
}

/** Every installed kind that has a spec, rendered and formatted as new-handler would write it. */
export async function renderInstalledKinds(plan: Plan): Promise<KindFiles[]> {
  const installed = new Set(plan.list('src/services'));
  const specs = listSpecs(plan.root).filter((kind) => installed.has(kind));
  const out: KindFiles[] = [];
  for (const kind of specs) {
    const specFile = `${catalogueDir}/${kind}.yaml`;
    const generated: KindFiles['generated'] = [];
    for (const file of renderSpecFile(plan, specFile)) {
      generated.push({ path: file.path, content: await formatText(plan, file.path, file.content) });
    }
    const names = new Set(generated.map((g) => g.path));
    const handWritten = plan
      .filesUnder(`src/services/${kind}`)
      .filter((p) => !names.has(p) && !path.basename(p).startsWith('.'));
    out.push({ kind, specFile, generated, handWritten });
  }
  return out;
}

/**
 * A spec file's kind rendered (unformatted), or, for a spec text and templates this build
 * rendered before, what it rendered then (generators/analysis-cache.ts).
 */
function renderSpecFile(plan: Plan, specFile: string): RenderedFile[] {
  const text = plan.tryRead(specFile);
  if (text === undefined) return renderKind(loadKindSpec(plan.absolute(specFile), specFile));
  return cachedAnalysis('renderSpecFile', [specFile, text, templatesDigest()], () =>
    renderKind(parseKindSpec(text, specFile)),
  );
}

let templates: string | undefined;

/** The templates' names and content, as one digest: rendering depends on them. */
function templatesDigest(): string {
  templates ??= sha256(
    JSON.stringify(
      readdirSync(kindTemplatesDir)
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((f) => [f, readFileSync(path.join(kindTemplatesDir, f), 'utf8')]),
    ),
  );
  return templates;
}

/** Kinds with a spec in the catalogue folder, sorted. */
export function listSpecs(root: string): string[] {
  try {
    return readdirSync(path.join(root, catalogueDir))
      .filter((f) => /^[a-z][a-z0-9]*\.yaml$/.test(f))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
  } catch {
    return [];
  }
}

export interface GeneratedDrift {
  file: string;
  /** 1-based line of the first difference. */
  line: number;
  expected: string;
  actual: string | undefined;
  specFile: string;
}

/** Generated files that differ from what their spec and the templates produce. */
export function generatedDrift(plan: Plan, kinds: KindFiles[]): GeneratedDrift[] {
  const drifts: GeneratedDrift[] = [];
  for (const k of kinds) {
    for (const g of k.generated) {
      const actual = plan.tryRead(g.path);
      if (actual === g.content) continue;
      const want = g.content.split('\n');
      const got = actual?.split('\n') ?? [];
      let i = 0;
      while (i < want.length && want[i] === got[i]) i++;
      drifts.push({
        file: g.path,
        line: i + 1,
        expected: want[i] ?? '<end of file>',
        actual: actual === undefined ? undefined : (got[i] ?? '<end of file>'),
        specFile: k.specFile,
      });
    }
  }
  return drifts;
}

export function describeDrift(d: GeneratedDrift): string {
  if (d.actual === undefined) return `${d.file}: missing (generated from ${d.specFile})`;
  return (
    `${d.file}:${d.line}: differs from what ${d.specFile} and templates/kind/ generate ` +
    `(is ${JSON.stringify(d.actual)}, should be ${JSON.stringify(d.expected)}); generated files ` +
    'are never edited by hand: change the spec or the templates and run `npm run catalogue`'
  );
}

/** Lines per kind: generated, and hand-written (the spec's module and any other own file). */
export function lineCounts(
  plan: Plan,
  kinds: KindFiles[],
): Array<{ kind: string; generated: number; handWritten: number }> {
  const lines = (text: string) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return kinds.map((k) => ({
    kind: k.kind,
    generated: k.generated.reduce((n, g) => n + lines(g.content), 0),
    handWritten: k.handWritten.reduce((n, p) => n + lines(plan.read(p)), 0),
  }));
}
