// Handler-side Go templates (post url and alert-template, kafka template, ...): text/template
// semantics, no HTML escaping; `json`/`jsonCompact` only where Kapacitor offers them.

import { jsonTemplateFuncs, parseTemplate } from '../tick/template/index.js';

export interface HandlerTemplate {
  render(data: unknown): string;
}

/** Parse a template once; throws a TemplateParseError naming the template on bad syntax. */
export function compileHandlerTemplate(
  name: string,
  text: string,
  options: { json?: boolean } = {},
): HandlerTemplate {
  const tmpl = parseTemplate(name, text, { funcs: options.json ? jsonTemplateFuncs : {} });
  return { render: (data) => tmpl.execute(data) };
}
