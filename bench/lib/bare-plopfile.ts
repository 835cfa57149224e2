// The bare plop baseline of bench/scaffold.ts: a plopfile with one generator, `bare`, whose
// actions are node-plop `add`s of templates/kind/*.hbs to the same paths new-handler writes
// (src/services/{{kind}}/…, test/services/{{kind}}.test.ts). It only renders and writes: no
// wiring, no formatting, no checks beyond node-plop's own (the file must not exist yet).
//
// node-plop renders with the shared handlebars instance and HTML escaping, which would turn
// the generated code's quotes into entities; renderString is replaced by a handlebars
// instance compiled strict and noEscape like generators/kind/render.ts, so the output is the
// same text (bench/scaffold.ts checks that once per run).

import path from 'node:path';
import Handlebars from 'handlebars';
import type { NodePlopAPI } from 'node-plop';
import { readdirSync } from 'node:fs';
import { kindOutputPath, kindTemplatesDir } from '../../generators/kind/render.js';

export const generatorName = 'bare';

export default function barePlopfile(plop: NodePlopAPI): void {
  const hbs = Handlebars.create();
  plop.renderString = (template: string, data: unknown): string =>
    hbs.compile(template, { strict: true, noEscape: true })(data);
  plop.setGenerator(generatorName, {
    description: 'render and write templates/kind/*.hbs, nothing else',
    prompts: [],
    actions: readdirSync(kindTemplatesDir)
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((file) => ({
        type: 'add',
        path: kindOutputPath(file, '{{kind}}'),
        templateFile: path.join(kindTemplatesDir, file),
        abortOnFail: true,
      })),
  });
}
