// A Go text/template and html/template engine for Kapacitor's alert templates (.id(),
// .message(), .details()) and handler-side templates (httppost url/alert-template, kafka
// template, ...). Parse once with parseTemplate, then execute per event.
//
//   const t = parseTemplate('message', '{{ .ID }} is {{ .Level }}');
//   t.execute({ ID: 'cpu:nil', Level: 'CRITICAL' }); // "cpu:nil is CRITICAL"
//
// Supported: actions with {{- -}} trimming, comments, pipelines, variables ($x := / =),
// if / else if / else, range (slices, maps by sorted key, ints; $i, $v; else; break/continue),
// with / else, define / template / block, Go literals, the predefined functions
// (and or not len index slice print printf println eq ne lt le gt ge html js urlquery call)
// and caller-supplied functions. Printing follows Go fmt (%v); printf implements Go's verbs.
// The data model (how JS values stand for Go values) is described in values.ts.
//
// HTML mode (`html: true`) mimics html/template for the HTML text context only: every
// printed action is escaped (`"` `'` `&` `<` `>` `+` NUL). Contextual escaping of attributes,
// URLs, <script> and <style>, and stripping of HTML comments from template text, are not done.

import { builtinFuncs, type FuncSpec } from './builtins.js';
import { execute, type Program } from './exec.js';
import { parse } from './parser.js';
import { renderSimple, simpleParts, type SimplePart } from './simple.js';
import { flatString } from '../../common/flat-string.js';
import type { TemplateFunc } from './values.js';
import './methods.js';

export { TemplateExecError, TemplateParseError } from './errors.js';
export { jsonCompactFunc, jsonFunc, jsonTemplateFuncs, marshalTemplateValue } from './json.js';
export { sprint, sprintf, sprintln, formatValue } from './fmt.js';
export { formatFloat } from './strconv.js';
export { formatGoTime } from './timefmt.js';
export { htmlTextEscape } from './escape.js';
export {
  GoMap,
  GoNamedInt,
  goTypeName,
  registerTemplateMethods,
  type MapElemType,
  type ParamType,
  type TemplateFunc,
  type TemplateMethod,
  type TemplateMethods,
} from './values.js';

export interface TemplateOptions {
  /** Escape printed actions like html/template in the HTML text context. */
  readonly html?: boolean;
  /**
   * Extra functions by name (e.g. jsonTemplateFuncs). They receive evaluated arguments and
   * may throw: the template then fails with `error calling <name>: <message>`.
   */
  readonly funcs?: Readonly<Record<string, TemplateFunc>>;
}

export class Template {
  /** Set for templates that only print fields of dot (see simple.ts). */
  private readonly simple: readonly SimplePart[] | undefined;

  private constructor(private readonly program: Program) {
    this.simple = simpleParts(program.root);
  }

  /** @internal use parseTemplate */
  static fromProgram(program: Program): Template {
    return new Template(program);
  }

  get name(): string {
    return this.program.name;
  }

  /**
   * The fields of dot a template made only of text and `{{ .Field }}` actions prints (such a
   * template renders by concatenation when they are strings), else undefined.
   */
  get simpleFields(): readonly string[] | undefined {
    return this.simple?.flatMap((part) => ('field' in part ? [part.field] : []));
  }

  /** Names of templates declared with {{define}} or {{block}}. */
  get definedTemplates(): string[] {
    return [...this.program.defined.keys()];
  }

  /** Render with `data` as dot; throws TemplateExecError when Go's template would fail. */
  execute(data: unknown): string {
    if (this.simple !== undefined) {
      const text = renderSimple(this.simple, data, this.program.html);
      if (text !== undefined) return flatString(text);
    }
    return execute(this.program, data);
  }
}

function userFunc(fn: TemplateFunc): FuncSpec {
  return { fixed: 0, variadic: true, call: (args) => fn(...args) };
}

/** Parse Go template text; throws TemplateParseError (`template: <name>:<line>: ...`). */
export function parseTemplate(name: string, text: string, options: TemplateOptions = {}): Template {
  const funcs = new Map(builtinFuncs);
  for (const [fname, fn] of Object.entries(options.funcs ?? {})) funcs.set(fname, userFunc(fn));
  const { root, defined } = parse(name, text, (f) => funcs.has(f));
  return Template.fromProgram({ name, text, html: options.html ?? false, root, defined, funcs });
}
