// Kapacitor's TICKscript formatter (tick/ast Format), applied to stored scripts: four-space
// indentation steps, one chain call per line (`|` one step in, `.` two steps in), comments kept,
// `lambda: ` and spaced operators, number literals normalised (`1.` → `1.0`).

import type { CommentNode, Expr, Program, Statement } from '../tick/ast.js';
import { formatFloatPlain } from '../tick/lambda/go-format.js';
import { parseProgram } from '../tick/parser.js';

const INDENT_STEP = '    ';

/** Parse and format a script. Throws TickParseError. */
export function formatScript(script: string): string {
  return formatProgram(parseProgram(script));
}

export function formatProgram(program: Program): string {
  const out = new Output();
  program.statements.forEach((s, i) => {
    if (i !== 0) out.write('\n');
    statement(out, s);
    out.write('\n');
  });
  return out.text;
}

/** Kapacitor's LambdaNode.ExpressionString(): an expression on its own. */
export function formatExpression(e: Expr): string {
  const out = new Output();
  expr(out, e, '', true);
  return out.text;
}

class Output {
  text = '';
  write(s: string): void {
    this.text += s;
  }
  indent(indent: string, onNewLine: boolean): void {
    if (onNewLine) this.text += indent;
  }
}

function statement(out: Output, s: Statement): void {
  switch (s.kind) {
    case 'comment':
      comment(out, s, '', true);
      return;
    case 'dbrp':
      if (s.comment) comment(out, s.comment, '', true);
      out.write(`dbrp "${s.db.name}"."${s.rp.name}"`);
      return;
    case 'declaration':
      if (s.comment) comment(out, s.comment, '', true);
      out.write('var ');
      expr(out, s.name, '', false);
      out.write(' = ');
      expr(out, s.value, '', false);
      return;
    case 'typeDeclaration':
      if (s.comment) comment(out, s.comment, '', true);
      out.write('var ');
      expr(out, s.name, '', false);
      out.write(' ');
      expr(out, s.type, '', false);
      return;
    default:
      expr(out, s, '', true);
  }
}

function comment(out: Output, c: CommentNode, indent: string, onNewLine: boolean): void {
  if (!onNewLine) out.write('\n');
  for (const line of c.lines) {
    if (line === '\n') out.write('\n');
    else out.write(`${indent}//${line.length > 0 ? ` ${line}` : ''}\n`);
  }
}

function expr(out: Output, e: Expr, indent: string, onNewLine: boolean): void {
  if (e.kind === 'chain') {
    expr(out, e.left, indent, onNewLine);
    out.write('\n');
    const inner = indent + INDENT_STEP + (e.operator === '.' ? INDENT_STEP : '');
    if (e.comment) comment(out, e.comment, inner, true);
    out.write(inner + e.operator);
    expr(out, e.right, inner, false);
    return;
  }
  if (e.comment) {
    comment(out, e.comment, indent, onNewLine);
    onNewLine = true;
  }
  out.indent(indent, onNewLine);
  switch (e.kind) {
    case 'int':
      out.write(isOctal(e.literal) ? `0${e.value.toString(8)}` : e.value.toString());
      return;
    case 'float': {
      const s = formatFloatPlain(e.value);
      out.write(s.includes('.') ? s : `${s}.0`);
      return;
    }
    case 'duration':
      out.write(e.literal);
      return;
    case 'bool':
      out.write(e.value ? 'TRUE' : 'FALSE');
      return;
    case 'string':
      out.write(e.tripleQuoted ? `'''${e.value}'''` : `'${e.value.replace(/'/g, "\\'")}'`);
      return;
    case 'regex':
      out.write(`/${e.literal}/`);
      return;
    case 'reference':
      out.write(`"${e.name.replace(/"/g, '\\"')}"`);
      return;
    case 'identifier':
      out.write(e.name);
      return;
    case 'star':
      out.write('*');
      return;
    case 'unary':
      out.write(e.operator);
      expr(out, e.operand, indent, false);
      return;
    case 'binary': {
      const inner = e.parens ? indent + INDENT_STEP : indent;
      if (e.parens) out.write('(');
      expr(out, e.left, inner, false);
      out.write(` ${e.operator}${e.multiLine ? '\n' : ' '}`);
      expr(out, e.right, inner, e.multiLine);
      if (e.parens) out.write(')');
      return;
    }
    case 'call': {
      out.write(`${e.name}(`);
      const argIndent = indent + INDENT_STEP;
      e.args.forEach((arg, i) => {
        if (i !== 0) out.write(e.multiLine ? ',' : ', ');
        if (e.multiLine) out.write('\n');
        expr(out, arg, argIndent, e.multiLine);
      });
      if (e.multiLine && e.args.length > 0) out.write(`\n${indent}`);
      out.write(')');
      return;
    }
    case 'list':
      out.write('[');
      e.items.forEach((item, i) => {
        if (i !== 0) out.write(', ');
        // Kapacitor passes the list's onNewLine on to its items.
        expr(out, item, indent, onNewLine);
      });
      out.write(']');
      return;
    case 'lambda':
      out.write('lambda: ');
      expr(out, e.expression, indent, false);
      return;
  }
}

function isOctal(literal: string): boolean {
  return literal.length > 1 && literal.startsWith('0');
}
