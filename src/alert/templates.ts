// Handler-side Go templates (post url and alert-template, kafka template, ...): text/template
// semantics, no HTML escaping; `json`/`jsonCompact` only where Kapacitor offers them.

import { jsonTemplateFuncs, parseTemplate } from '../tick/template/index.js';

export interface HandlerTemplate {
  render(data: unknown): string;
  /** The text every render gives, for a template without actions (a plain URL). */
  readonly constant?: string;
}

/** Parse a template once; throws a TemplateParseError naming the template on bad syntax. */
export function compileHandlerTemplate(
  name: string,
  text: string,
  options: { json?: boolean } = {},
): HandlerTemplate {
  const tmpl = parseTemplate(name, text, { funcs: options.json ? jsonTemplateFuncs : {} });
  if (tmpl.simpleFields?.length === 0) {
    // Text alone: what it renders to does not depend on the data, so callers can skip it.
    const constant = tmpl.execute({});
    return { render: () => constant, constant };
  }
  return { render: (data) => tmpl.execute(data) };
}
