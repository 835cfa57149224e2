// Executes parsed templates against data (Go's text/template exec.go). In HTML mode every
// action that prints is passed through html/template's text-context escaper.

import type {
  AnyNode,
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import type { FuncSpec } from './builtins.js';
import { htmlTextEscape } from './escape.js';
import { TemplateExecError } from './errors.js';
import { formatValue, sprint } from './fmt.js';
import { GoDuration } from '../../common/duration.js';
import { flatString } from '../../common/flat-string.js';
import { GoTime } from '../../common/gotime.js';
import {
  hasField,
  intOf,
  isNil,
  isTrue,
  kindOf,
  lookupMethod,
  methodSetOf,
  sortedMapEntries,
  typeName,
  type ParamType,
} from './values.js';

/** Everything execution needs from a parsed template. */
export interface Program {
  readonly name: string;
  readonly text: string;
  readonly html: boolean;
  readonly root: ListNode;
  readonly defined: ReadonlyMap<string, ListNode>;
  readonly funcs: ReadonlyMap<string, FuncSpec>;
}

/** Go allows 100000 nested {{template}} calls; the JS stack does not, so stop earlier. */
const MAX_EXEC_DEPTH = 1000;

/** The "no final argument" marker (Go's missingVal), distinct from nil. */
const MISSING: unique symbol = Symbol('missing');
type Final = unknown;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  name: string;
  value: unknown;
}

class State {
  out = '';
  vars: Variable[];
  node: AnyNode | undefined;
  depth = 0;

  constructor(
    private readonly prog: Program,
    private tmplName: string,
    dot: unknown,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  // --- errors --------------------------------------------------------------------------------

  private at(node: AnyNode): void {
    this.node = node;
  }

  errorf(detail: string): never {
    const name = this.tmplName;
    if (!this.node) throw new TemplateExecError(`template: ${name}: ${detail}`, detail);
    const text = this.prog.text;
    const pos = this.node.pos;
    const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
    const line = 1 + countNewlines(text, pos);
    const col = Buffer.byteLength(text.slice(lineStart, pos));
    let context = nodeString(this.node);
    const runes = [...context];
    if (runes.length > 20) context = runes.slice(0, 20).join('') + '...';
    throw new TemplateExecError(
      `template: ${this.prog.name}:${line}:${col}: executing ${JSON.stringify(name)} at <${context}>: ${detail}`,
      detail,
    );
  }

  // --- variables -----------------------------------------------------------------------------

  private push(name: string, value: unknown): void {
    this.vars.push({ name, value });
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking -------------------------------------------------------------------------------

  walk(dot: unknown, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node);
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  private walkIfOrWith(dot: unknown, node: IfNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) this.walk(node.type === 'with' ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: unknown, r: IfNode): void {
    this.at(r);
    const outerMark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.vars.length;
      const decl = r.pipe.decl;
      const oneIteration = (index: unknown, elem: unknown): void => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.vars.length = mark;
        }
      };
      let iterated = false;
      try {
        switch (kindOf(val)) {
          case 'slice': {
            const arr = val as readonly unknown[];
            iterated = arr.length > 0;
            for (let i = 0; i < arr.length; i++) oneIteration(BigInt(i), arr[i]);
            break;
          }
          case 'map': {
            const entries = sortedMapEntries(val as ReadonlyMap<unknown, unknown>);
            iterated = entries.length > 0;
            for (const [k, v] of entries) oneIteration(k, v);
            break;
          }
          case 'int': {
            if (typeof val !== 'bigint')
              this.errorf(`range can't iterate over ${formatValue(val)}`);
            if (decl.length > 1)
              this.errorf(`can't use ${val} to iterate over more than one variable`);
            iterated = val > 0n;
            for (let i = 0n; i < val; i++) oneIteration(i, i);
            break;
          }
          case 'invalid':
            break; // a nil collection: not an error, just empty
          default:
            this.errorf(`range can't iterate over ${formatValue(val)}`);
        }
      } catch (e) {
        if (e !== BREAK) throw e;
        iterated = true;
      }
      if (!iterated && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.vars.length = outerMark;
    }
  }

  private walkTemplate(dot: unknown, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.prog.defined.get(t.name);
    if (!tmpl) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH)
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    // No dynamic scoping: the called template sees only `$`.
    const saved = { vars: this.vars, name: this.tmplName };
    this.vars = [{ name: '$', value: newDot }];
    this.tmplName = t.name;
    this.depth++;
    try {
      this.walk(newDot, tmpl);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.tmplName = saved.name;
    }
  }

  private printValue(node: AnyNode, v: unknown): void {
    this.at(node);
    if (typeof v === 'function')
      this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    if (!this.prog.html) {
      this.out += isNil(v) ? '<no value>' : formatValue(v);
      return;
    }
    const pipe = (node as { pipe?: PipeNode }).pipe;
    const last = pipe?.cmds[pipe.cmds.length - 1]?.args[0];
    if (last?.type === 'identifier' && last.ident === 'html') {
      // html/template keeps a trailing `html` as the escaper instead of adding its own.
      this.out += formatValue(v);
      return;
    }
    // html/template's stringify drops untyped nils, so a missing value prints as "".
    this.out += isNil(v) ? '' : htmlTextEscape(typeof v === 'string' ? v : sprint([v]));
  }

  // --- evaluation ----------------------------------------------------------------------------

  private evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.push(v.ident[0]!, value);
    }
    return value;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  private evalCommand(dot: unknown, cmd: CommandNode, final: Final): unknown {
    const first = cmd.args[0]!;
    const rest = cmd.args.slice(1);
    switch (first.type) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, rest, final);
      case 'chain':
        return this.evalChain(dot, first, rest, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, rest, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      // falls through: errorf never returns
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): bigint | number {
    this.at(n);
    if (n.value === undefined) this.errorf(n.error ?? `illegal number syntax: ${n.text}`);
    return n.value;
  }

  private evalChain(dot: unknown, chain: ChainNode, rest: ArgNode[], final: Final): unknown {
    if (chain.node.type === 'nil')
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, rest, final);
  }

  private evalVariable(dot: unknown, v: VariableNode, args: ArgNode[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args.slice(1), final);
  }

  private evalFieldChain(
    dot: unknown,
    receiver: unknown,
    node: FieldNode | ChainNode | VariableNode,
    idents: readonly string[],
    args: ArgNode[],
    final: Final,
  ): unknown {
    const n = idents.length;
    for (let i = 0; i < n - 1; i++)
      receiver = this.evalField(dot, idents[i]!, node, [], MISSING, receiver);
    return this.evalField(dot, idents[n - 1]!, node, args, final, receiver);
  }

  private evalField(
    dot: unknown,
    fieldName: string,
    node: AnyNode,
    args: ArgNode[],
    final: Final,
    receiver: unknown,
  ): unknown {
    // A nil receiver (e.g. a missing map key) yields "no value" rather than an error.
    if (isNil(receiver)) return undefined;
    const method = lookupMethod(receiver, fieldName);
    if (method) {
      const spec: FuncSpec = {
        fixed: method.params.length,
        variadic: false,
        params: method.params,
        call: (a) => method.call(receiver, a),
      };
      return this.evalCall(dot, spec, node, fieldName, args, final);
    }
    const hasArgs = args.length > 0 || final !== MISSING;
    const kind = kindOf(receiver);
    if (kind === 'struct' && !methodSetOf(receiver) && hasField(receiver as object, fieldName)) {
      if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
      return (receiver as Record<string, unknown>)[fieldName];
    }
    if (kind === 'map') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      return (receiver as ReadonlyMap<unknown, unknown>).get(fieldName);
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typeName(receiver)}`);
  }

  private evalFunction(
    dot: unknown,
    node: IdentifierNode,
    cmd: AnyNode,
    args: ArgNode[],
    final: Final,
  ): unknown {
    this.at(node);
    const name = node.ident;
    const fn = this.prog.funcs.get(name);
    if (!fn) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, fn, cmd, name, args, final);
  }

  private evalCall(
    dot: unknown,
    fn: FuncSpec,
    node: AnyNode,
    name: string,
    args: ArgNode[],
    final: Final,
  ): unknown {
    const numIn = args.length + (final !== MISSING ? 1 : 0);
    if (fn.variadic) {
      if (numIn < fn.fixed) {
        this.errorf(
          `wrong number of args for ${name}: want at least ${fn.fixed} got ${args.length}`,
        );
      }
    } else if (numIn !== fn.fixed) {
      this.errorf(`wrong number of args for ${name}: want ${fn.fixed} got ${numIn}`);
    }
    // and/or short-circuit and return the deciding operand.
    if ((name === 'and' || name === 'or') && this.prog.funcs.get(name) === fn) {
      let v: unknown;
      for (const arg of args) {
        v = this.evalArg(dot, arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return final !== MISSING ? final : v;
    }
    const argv: unknown[] = [];
    for (let i = 0; i < args.length; i++) {
      const type = fn.params?.[i] ?? 'any';
      argv.push(this.evalTypedArg(dot, args[i]!, type));
    }
    if (final !== MISSING) {
      const type = fn.params?.[args.length] ?? 'any';
      argv.push(this.convertArg(final, type));
    }
    let result: unknown;
    try {
      result = fn.call(argv);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return result;
  }

  private evalTypedArg(dot: unknown, n: ArgNode, type: ParamType): unknown {
    this.at(n);
    if (type !== 'any') {
      // Literals of the wrong kind are reported against the node, as Go's evalArg does.
      const literalOk: Record<string, ParamType[]> = {
        string: ['string'],
        number: ['int', 'float', 'duration'],
        bool: [],
      };
      const ok = literalOk[n.type];
      if (ok && !ok.includes(type)) {
        this.errorf(`expected ${expectedName(type)}; found ${nodeString(n)}`);
      }
      if (n.type === 'number') {
        const v = this.idealConstant(n);
        if (type === 'float') return Number(v);
        if (typeof v !== 'bigint') {
          if (Number.isInteger(v)) return BigInt(v);
          this.errorf(`expected integer; found ${n.text}`);
        }
        return v;
      }
      if (n.type === 'nil') this.errorf(`cannot assign nil to ${expectedName(type)}`);
    }
    return this.convertArg(this.evalArg(dot, n), type);
  }

  /** Go's validateType for a computed value passed to a typed parameter. */
  private convertArg(v: unknown, type: ParamType): unknown {
    if (type === 'any') return v;
    if (isNil(v)) this.errorf(`invalid value; expected ${expectedName(type)}`);
    const ok =
      (type === 'string' && typeof v === 'string') ||
      (type === 'int' && typeof v === 'bigint') ||
      (type === 'float' && typeof v === 'number') ||
      (type === 'duration' && (v instanceof GoDuration || typeof v === 'bigint')) ||
      (type === 'time' && v instanceof GoTime);
    if (!ok)
      this.errorf(`wrong type for value; expected ${expectedName(type)}; got ${typeName(v)}`);
    return type === 'duration' ? intOf(v) : v;
  }

  private evalArg(dot: unknown, n: ArgNode): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, n, n.ident, [], MISSING);
      case 'variable':
        return this.evalVariable(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, n, [], MISSING);
      case 'chain':
        return this.evalChain(dot, n, [], MISSING);
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
  }
}

function expectedName(type: ParamType): string {
  switch (type) {
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'duration':
      return 'time.Duration';
    case 'time':
      return 'time.Time';
    default:
      return type;
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Run the program's root template with `data` as dot and `$`. */
export function execute(prog: Program, data: unknown): string {
  const state = new State(prog, prog.name, data);
  state.walk(data, prog.root);
  // Rendered text is often kept (a topic holds each event's message and details).
  return flatString(state.out);
}
