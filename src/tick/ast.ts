// The TICKscript syntax tree. Mirrors Kapacitor's tick/ast node kinds as a discriminated union
// on `kind`. Every node records its position (byte offset, line, byte column) and the comment
// block written directly before it, if any.

import type { GoRegexp } from './regex.js';
import type { Position } from './source.js';

export type { Position } from './source.js';

export interface CommentNode {
  kind: 'comment';
  pos: Position;
  /** Comment text without `//` and one following space; `\n` separates merged blocks. */
  lines: string[];
}

interface NodeBase {
  pos: Position;
  comment?: CommentNode;
}

export interface IntLiteral extends NodeBase {
  kind: 'int';
  value: bigint;
  /** Source spelling (`010` for an octal literal). */
  literal: string;
}

export interface FloatLiteral extends NodeBase {
  kind: 'float';
  value: number;
  literal: string;
}

export interface DurationLiteral extends NodeBase {
  kind: 'duration';
  /** Nanoseconds. */
  value: bigint;
  literal: string;
}

export interface BoolLiteral extends NodeBase {
  kind: 'bool';
  value: boolean;
}

export interface StringLiteral extends NodeBase {
  kind: 'string';
  /** The string's value, escapes resolved. */
  value: string;
  tripleQuoted: boolean;
}

export interface RegexLiteral extends NodeBase {
  kind: 'regex';
  value: GoRegexp;
  /** Text between the slashes as written (with `\/` escapes). */
  literal: string;
}

/** `"name"`: a field or tag of the current point (inside lambdas), or a dbrp part. */
export interface ReferenceExpr extends NodeBase {
  kind: 'reference';
  name: string;
}

export interface Identifier extends NodeBase {
  kind: 'identifier';
  name: string;
}

export interface StarExpr extends NodeBase {
  kind: 'star';
}

export type UnaryOperator = '-' | '!';

export type BinaryOperator =
  '+' | '-' | '*' | '/' | '%' | 'AND' | 'OR' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~' | '!~';

export interface UnaryExpr extends NodeBase {
  kind: 'unary';
  operator: UnaryOperator;
  operand: Expr;
}

export interface BinaryExpr extends NodeBase {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
  /** Written inside parentheses. */
  parens: boolean;
  /** The operands span several lines (kept for formatting). */
  multiLine: boolean;
}

/** How a function was called: bare `f()`, `|chain()`, `.property()` or `@dynamic()`. */
export type CallType = 'global' | 'chain' | 'property' | 'dynamic';

export interface FunctionCall extends NodeBase {
  kind: 'call';
  callType: CallType;
  name: string;
  args: Expr[];
  multiLine: boolean;
}

export type ChainOperator = '|' | '.' | '@';

export interface ChainExpr extends NodeBase {
  kind: 'chain';
  operator: ChainOperator;
  left: Expr;
  /** A call, or an identifier for a property read (`.name` without parentheses). */
  right: FunctionCall | Identifier;
}

export interface ListExpr extends NodeBase {
  kind: 'list';
  items: (StringLiteral | Identifier | StarExpr)[];
}

/** `lambda: <expression>`, evaluated per point at run time. */
export interface LambdaExpr extends NodeBase {
  kind: 'lambda';
  expression: Expr;
}

export type Literal =
  IntLiteral | FloatLiteral | DurationLiteral | BoolLiteral | StringLiteral | RegexLiteral;

export type Expr =
  | Literal
  | ReferenceExpr
  | Identifier
  | StarExpr
  | UnaryExpr
  | BinaryExpr
  | FunctionCall
  | ChainExpr
  | ListExpr
  | LambdaExpr;

/** `var name = value` */
export interface Declaration extends NodeBase {
  kind: 'declaration';
  name: Identifier;
  value: Expr;
}

/** `var name type`: a template variable whose value is supplied when a task is created. */
export interface TypeDeclaration extends NodeBase {
  kind: 'typeDeclaration';
  name: Identifier;
  type: Identifier;
}

/** `dbrp "db"."rp"` */
export interface DbrpStatement extends NodeBase {
  kind: 'dbrp';
  db: ReferenceExpr;
  rp: ReferenceExpr;
}

/** A comment block left at the end of the script has no node to attach to; it is kept as is. */
export type Statement = Declaration | TypeDeclaration | DbrpStatement | Expr | CommentNode;

export interface Program {
  kind: 'program';
  pos: Position;
  statements: Statement[];
}
