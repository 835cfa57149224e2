// Rendering the handler templates: one handlebars instance in strict mode (a missing variable
// is an error, never an empty string) without HTML escaping (this is code, not HTML).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { HandlerSpec } from './spec.js';
import { handlerView } from './view.js';

export const templatesDir = join(import.meta.dirname, '..', 'templates', 'handler');

const hbs = Handlebars.create();

/** Where each template's output goes, relative to the repository root. */
export function outputPath(template: string, kind: string): string {
  const name = template.replace(/\.hbs$/, '');
  if (name === 'test.ts') return `test/services/${kind}.test.ts`;
  return `src/services/${kind}/${name}`;
}

export interface RenderedFile {
  path: string;
  content: string;
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

function template(file: string): HandlebarsTemplateDelegate {
  let t = compiled.get(file);
  if (!t) {
    t = hbs.compile(readFileSync(join(templatesDir, file), 'utf8'), {
      strict: true,
      noEscape: true,
    });
    compiled.set(file, t);
  }
  return t;
}

export function templateFiles(): string[] {
  return readdirSync(templatesDir)
    .filter((f) => f.endsWith('.hbs'))
    .sort();
}

/** Render every template for `spec` (unformatted). */
export function renderHandler(spec: HandlerSpec): RenderedFile[] {
  const view = handlerView(spec);
  return templateFiles().map((file) => {
    try {
      return { path: outputPath(file, spec.kind), content: template(file)(view) };
    } catch (err) {
      throw new Error(`templates/handler/${file}: ${(err as Error).message}`, { cause: err });
    }
  });
}
