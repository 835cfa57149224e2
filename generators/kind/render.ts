// Rendering a kind spec: the view (view.ts) through the templates in templates/kind/, with one
// handlebars instance in strict mode (a missing variable is an error, never an empty string)
// and no HTML escaping (this is code).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { cachedAnalysis } from '../analysis-cache.js';
import { repoRoot } from '../root.js';
import type { KindSpec } from './load.js';
import { kindView } from './view.js';

export const kindTemplatesDir = path.join(repoRoot, 'templates', 'kind');

export interface RenderedFile {
  path: string;
  content: string;
}

const hbs = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

const compileOptions = { strict: true, noEscape: true };

/**
 * A template, compiled. Handlebars compiles a template to JavaScript source; that source is
 * kept in the analysis cache by the template's text, so a run only evaluates it (compiling
 * the seven templates was about 45 ms of every `npm run new-handler`).
 */
function template(file: string): HandlebarsTemplateDelegate {
  let t = compiled.get(file);
  if (!t) {
    const text = readFileSync(path.join(kindTemplatesDir, file), 'utf8');
    const source = cachedAnalysis('handlebarsPrecompile', [text, compileOptions], () =>
      String(hbs.precompile(text, compileOptions)),
    );
    // The source is handlebars' own output for this text (what `compile` runs, too).
    const spec = new Function(`return ${source};`)() as TemplateSpecification;
    t = hbs.template(spec);
    compiled.set(file, t);
  }
  return t;
}

/** Where each template's output goes, relative to the repository root. */
export function kindOutputPath(templateFile: string, kind: string): string {
  const name = templateFile.replace(/\.hbs$/, '');
  return name === 'test.ts' ? `test/services/${kind}.test.ts` : `src/services/${kind}/${name}`;
}

/** The templates a kind uses: every one, but tick.ts only for kinds with a TICKscript property. */
export function kindTemplateFiles(spec: KindSpec): string[] {
  return readdirSync(kindTemplatesDir)
    .filter((f) => f.endsWith('.hbs'))
    .filter((f) => f !== 'tick.ts.hbs' || spec.tick !== undefined)
    .sort();
}

/** Every file of a kind, unformatted (the plan formats them). */
export function renderKind(spec: KindSpec): RenderedFile[] {
  const view = kindView(spec);
  return kindTemplateFiles(spec).map((file) => {
    try {
      return { path: kindOutputPath(file, spec.kind), content: template(file)(view) };
    } catch (err) {
      throw new Error(`templates/kind/${file}: ${(err as Error).message}`, { cause: err });
    }
  });
}
