// The TICKscript parser: a recursive-descent port of Kapacitor's tick/ast/parser.go. The token
// lookahead (two tokens, with comments carried alongside) is reproduced as is, because which
// token an error reports, the "expected" list, and which node a comment attaches to all depend
// on it.

import type {
  BinaryOperator,
  CallType,
  ChainExpr,
  CommentNode,
  DbrpStatement,
  Expr,
  FunctionCall,
  Identifier,
  LambdaExpr,
  ListExpr,
  Program,
  ReferenceExpr,
  Statement,
  StringLiteral,
} from './ast.js';
import { TickParseError } from './errors.js';
import { lex, type Lexer } from './lexer.js';
import {
  commentLines,
  parseDurationLiteral,
  parseNumberLiteral,
  parseReferenceLiteral,
  parseRegexLiteral,
  parseStringLiteral,
} from './literals.js';
import { SourceText, type Position } from './source.js';
import { isExprOperator, tokenName, TokenType, type Token } from './token.js';

/**
 * Limits that keep hostile scripts from blocking or crashing the host: every later stage
 * (evaluation, formatting, lambda compilation and evaluation per point) recurses over the
 * syntax tree, so its depth is bounded here, with a located parse error.
 */
export const tickLimits = {
  /** Largest script, in bytes (real scripts are a few KB). */
  maxBytes: 256 * 1024,
  /** Parentheses, unary operators, call arguments and lambdas nested in one another. */
  maxNesting: 100,
  /** Depth of one statement's syntax tree, chain links and operator chains included. */
  maxDepth: 256,
};

/** Parse a whole TICKscript. Throws TickParseError. */
export function parseProgram(src: string): Program {
  const p = new Parser(src);
  const program = p.program();
  p.expect(TokenType.EOF);
  for (const s of program.statements) p.checkDepth(s);
  return program;
}

/** Parse an expression as the body of a lambda, without the `lambda:` keyword (topic-handler match). */
export function parseLambdaExpression(src: string): LambdaExpr {
  const p = new Parser(src);
  const expression = p.primaryExpr();
  p.expect(TokenType.EOF);
  p.checkDepth(expression);
  return { kind: 'lambda', pos: p.position(0), expression };
}

/** The direct sub-nodes of a syntax node. */
function childrenOf(node: Statement): Statement[] {
  switch (node.kind) {
    case 'unary':
      return [node.operand];
    case 'binary':
    case 'chain':
      return [node.left, node.right];
    case 'call':
      return node.args;
    case 'list':
      return node.items;
    case 'lambda':
      return [node.expression];
    case 'declaration':
      return [node.value];
    default:
      return [];
  }
}

const precedence: Partial<Record<TokenType, number>> = {
  [TokenType.Or]: 0,
  [TokenType.And]: 1,
  [TokenType.Equal]: 2,
  [TokenType.NotEqual]: 2,
  [TokenType.RegexEqual]: 2,
  [TokenType.RegexNotEqual]: 2,
  [TokenType.Greater]: 3,
  [TokenType.GreaterEqual]: 3,
  [TokenType.Less]: 3,
  [TokenType.LessEqual]: 3,
  [TokenType.Plus]: 4,
  [TokenType.Minus]: 4,
  [TokenType.Mult]: 5,
  [TokenType.Div]: 5,
  [TokenType.Mod]: 5,
};

const prec = (t: TokenType): number => precedence[t] ?? -1;

// What an operand position accepts, as Kapacitor lists it (the "==" is upstream's, kept verbatim).
const operandTokens = [
  TokenType.Number,
  TokenType.String,
  TokenType.Duration,
  TokenType.Ident,
  TokenType.True,
  TokenType.False,
  TokenType.Equal,
  TokenType.LParen,
  TokenType.Minus,
  TokenType.Not,
];

/** Nodes whose comment may be replaced when they are wrapped in parentheses. */
type Commentable = { comment?: CommentNode };

class Parser {
  private readonly source: SourceText;
  private readonly lexer: Lexer;
  private readonly token: [Token, Token];
  private readonly comments: [CommentNode | undefined, CommentNode | undefined] = [
    undefined,
    undefined,
  ];
  private peekCount = 0;

  private nesting = 0;

  constructor(text: string) {
    this.source = new SourceText(text);
    if (this.source.bytes.length > tickLimits.maxBytes) {
      this.fail(
        `script is ${this.source.bytes.length} bytes, more than the limit of ${tickLimits.maxBytes}`,
        tickLimits.maxBytes,
      );
    }
    this.lexer = lex(text);
    const none: Token = { type: TokenType.Error, pos: 0, val: '' };
    this.token = [none, none];
  }

  /** A located parse error in the form of the unexpected-token ones. */
  private fail(what: string, offset: number): never {
    const { line, column } = this.position(offset);
    throw new TickParseError(
      `parser: ${what} line ${line} char ${column} in "${this.source.context(offset)}"`,
      { line, column },
    );
  }

  /** Run one nested parse step; refuses nesting beyond tickLimits.maxNesting. */
  private nested<T>(at: Token, parse: () => T): T {
    if (++this.nesting > tickLimits.maxNesting) {
      this.fail(`nesting deeper than ${tickLimits.maxNesting} levels`, at.pos);
    }
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /** Refuse a statement whose tree is deeper than tickLimits.maxDepth (iteratively). */
  checkDepth(root: Statement): void {
    const stack: Array<[Statement, number]> = [[root, 1]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (depth > tickLimits.maxDepth) {
        this.fail(
          `expression nested more than ${tickLimits.maxDepth} levels deep (chain links and operators count)`,
          node.pos.offset,
        );
      }
      for (const c of childrenOf(node)) stack.push([c, depth + 1]);
    }
  }

  position(offset: number): Position {
    return this.source.position(offset);
  }

  // ---- token stream -------------------------------------------------------------------

  /** The next non-comment token, with the comment block that preceded it. */
  private nextToken(): [Token, CommentNode | undefined] {
    let t = this.lexer.nextToken();
    const texts: string[] = [];
    let pos = -1;
    while (t.type === TokenType.Comment) {
      if (pos === -1) pos = t.pos;
      texts.push(t.val);
      t = this.lexer.nextToken();
    }
    const comment: CommentNode | undefined =
      texts.length > 0
        ? { kind: 'comment', pos: this.position(pos), lines: commentLines(texts) }
        : undefined;
    return [t, comment];
  }

  private next(): Token {
    if (this.peekCount > 0) {
      this.peekCount--;
    } else {
      [this.token[0], this.comments[0]] = this.nextToken();
    }
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private peek(): Token {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[1] = this.token[0];
    this.comments[1] = this.comments[0];
    [this.token[0], this.comments[0]] = this.nextToken();
    return this.token[0];
  }

  private consumeComment(): CommentNode | undefined {
    const c = this.comments[this.peekCount];
    this.comments[this.peekCount] = undefined;
    return c;
  }

  expect(expected: TokenType): Token {
    const t = this.next();
    if (t.type !== expected) this.unexpected(t, [expected]);
    return t;
  }

  private unexpected(t: Token, expected: TokenType[]): never {
    const { line, column } = this.position(t.pos);
    const tok = t.type === TokenType.Error ? t.val : tokenName(t.type);
    const exp = expected.map((e) => `"${tokenName(e)}"`).join(',');
    throw new TickParseError(
      `parser: unexpected ${tok} line ${line} char ${column} in "${this.source.context(t.pos)}". expected: ${exp}`,
      { line, column },
    );
  }

  /** Literal conversion errors: upstream's message, with the literal's position. */
  private literal<T>(t: Token, convert: () => T): T {
    try {
      return convert();
    } catch (err) {
      if (err instanceof TickParseError) throw err;
      this.fail((err as Error).message, t.pos);
    }
  }

  // ---- grammar ------------------------------------------------------------------------

  program(): Program {
    const program: Program = { kind: 'program', pos: this.position(0), statements: [] };
    for (;;) {
      if (this.peek().type === TokenType.EOF) {
        // A trailing comment has no following node: keep it as a statement.
        for (const c of [this.comments[1], this.comments[0]]) if (c) program.statements.push(c);
        return program;
      }
      program.statements.push(this.statement());
    }
  }

  private statement(): Statement {
    switch (this.peek().type) {
      case TokenType.Var:
        return this.declaration();
      case TokenType.Dbrp:
        return this.dbrp();
      default:
        return this.expression();
    }
  }

  private declaration(): Statement {
    const varTok = this.expect(TokenType.Var);
    const comment = this.consumeComment();
    const name = this.identifier();
    const pos = this.position(varTok.pos);
    if (this.peek().type === TokenType.Asgn) {
      this.expect(TokenType.Asgn);
      return withComment({ kind: 'declaration', pos, name, value: this.expression() }, comment);
    }
    return withComment({ kind: 'typeDeclaration', pos, name, type: this.identifier() }, comment);
  }

  private dbrp(): DbrpStatement {
    const tok = this.expect(TokenType.Dbrp);
    const comment = this.consumeComment();
    const db = this.reference();
    this.expect(TokenType.Dot);
    const rp = this.reference();
    return withComment({ kind: 'dbrp', pos: this.position(tok.pos), db, rp }, comment);
  }

  private expression(): Expr {
    switch (this.peek().type) {
      case TokenType.Ident: {
        this.next();
        switch (this.peek().type) {
          case TokenType.LParen: {
            this.backup();
            const term = this.function('global');
            if (chainFollows(this.peek().type)) return this.chain(term);
            return this.precedence(term, 0);
          }
          case TokenType.Dot:
          case TokenType.At:
          case TokenType.Pipe:
          case TokenType.Var:
          case TokenType.Ident:
            this.backup();
            return this.chain(this.identifier());
          default:
            this.backup();
            return this.primaryExpr();
        }
      }
      case TokenType.Lambda:
        return this.lambda();
      case TokenType.LSBracket:
        return this.stringList();
      default:
        return this.primaryExpr();
    }
  }

  // `|`, `.` and `@` are left-associative.
  private chain(lhs: Expr): Expr {
    let left = lhs;
    for (;;) {
      const t = this.peek().type;
      if (t !== TokenType.Dot && t !== TokenType.Pipe && t !== TokenType.At) return left;
      const op = this.next();
      const comment = this.consumeComment();
      const callType: CallType =
        op.type === TokenType.Dot ? 'property' : op.type === TokenType.Pipe ? 'chain' : 'dynamic';
      const right = this.funcOrIdent(callType);
      const chain: ChainExpr = {
        kind: 'chain',
        pos: this.position(op.pos),
        operator: tokenName(op.type) as ChainExpr['operator'],
        left,
        right,
      };
      left = withComment(chain, comment);
    }
  }

  private funcOrIdent(callType: CallType): FunctionCall | Identifier {
    this.next();
    const isCall = callType === 'chain' || this.peek().type === TokenType.LParen;
    this.backup();
    return isCall ? this.function(callType) : this.identifier();
  }

  private identifier(): Identifier {
    const t = this.expect(TokenType.Ident);
    return withComment(
      { kind: 'identifier', pos: this.position(t.pos), name: t.val },
      this.consumeComment(),
    );
  }

  private function(callType: CallType): FunctionCall {
    const ident = this.expect(TokenType.Ident);
    const comment = this.consumeComment();
    this.expect(TokenType.LParen);
    const args = this.nested(ident, () => this.parameters(() => this.expression()));
    this.expect(TokenType.RParen);
    return this.call(ident, callType, args, comment);
  }

  private call(
    ident: Token,
    callType: CallType,
    args: Expr[],
    comment: CommentNode | undefined,
  ): FunctionCall {
    const last = args[args.length - 1];
    const multiLine = last !== undefined && this.source.hasNewline(ident.pos, last.pos.offset);
    return withComment(
      { kind: 'call', pos: this.position(ident.pos), callType, name: ident.val, args, multiLine },
      comment,
    );
  }

  private parameters(parameter: () => Expr): Expr[] {
    const args: Expr[] = [];
    for (;;) {
      if (this.peek().type === TokenType.RParen) return args;
      args.push(parameter());
      if (this.next().type !== TokenType.Comma) {
        this.backup();
        return args;
      }
    }
  }

  private stringList(): ListExpr {
    const t = this.expect(TokenType.LSBracket);
    const comment = this.consumeComment();
    const items: ListExpr['items'] = [];
    for (;;) {
      if (this.peek().type === TokenType.RSBracket) break;
      items.push(this.stringItem());
      if (this.next().type !== TokenType.Comma) {
        this.backup();
        break;
      }
    }
    this.expect(TokenType.RSBracket);
    return withComment({ kind: 'list', pos: this.position(t.pos), items }, comment);
  }

  private stringItem(): ListExpr['items'][number] {
    const t = this.peek();
    switch (t.type) {
      case TokenType.Ident:
        return this.identifier();
      case TokenType.String:
        return this.string();
      case TokenType.Star:
        return this.star();
      default:
        return this.unexpected(t, [TokenType.Ident, TokenType.String, TokenType.Star]);
    }
  }

  private lambda(): LambdaExpr {
    const t = this.next();
    const comment = this.consumeComment();
    const expression = this.nested(t, () => this.primaryExpr());
    return withComment({ kind: 'lambda', pos: this.position(t.pos), expression }, comment);
  }

  primaryExpr(): Expr {
    return this.precedence(this.primary(), 0);
  }

  // Operator-precedence climbing; all binary operators are left-associative.
  private precedence(lhs: Expr, minPrec: number): Expr {
    let left = lhs;
    let look = this.peek();
    while (isExprOperator(look.type) && prec(look.type) >= minPrec) {
      const op = this.next();
      const comment = this.consumeComment();
      let right = this.primary();
      look = this.peek();
      while (isExprOperator(look.type) && prec(look.type) > prec(op.type)) {
        right = this.precedence(right, prec(look.type));
        look = this.peek();
      }
      left = withComment(
        {
          kind: 'binary',
          pos: this.position(op.pos),
          operator: tokenName(op.type) as BinaryOperator,
          left,
          right,
          parens: false,
          multiLine: this.source.hasNewline(left.pos.offset, right.pos.offset),
        },
        comment,
      );
    }
    return left;
  }

  // A function call inside a lambda: its arguments are expressions, not chains or lists.
  private lambdaFunction(): FunctionCall {
    const ident = this.expect(TokenType.Ident);
    this.expect(TokenType.LParen);
    const args = this.nested(ident, () =>
      this.parameters(() => {
        const n = this.primary();
        return isExprOperator(this.peek().type) ? this.precedence(n, 0) : n;
      }),
    );
    this.expect(TokenType.RParen);
    return this.call(ident, 'global', args, undefined);
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case TokenType.LParen: {
        this.next();
        const comment = this.consumeComment();
        const n = this.nested(t, () => this.primaryExpr());
        if (n.kind === 'binary') n.parens = true;
        // Upstream replaces the inner node's comment with the one before `(` (even if none).
        if (comment) (n as Commentable).comment = comment;
        else delete (n as Commentable).comment;
        this.expect(TokenType.RParen);
        return n;
      }
      case TokenType.Number:
        return this.number();
      case TokenType.String:
        return this.string();
      case TokenType.True:
      case TokenType.False: {
        this.next();
        return withComment(
          { kind: 'bool', pos: this.position(t.pos), value: t.type === TokenType.True },
          this.consumeComment(),
        );
      }
      case TokenType.Duration: {
        this.next();
        const value = this.literal(t, () => parseDurationLiteral(t.val));
        return withComment(
          { kind: 'duration', pos: this.position(t.pos), value, literal: t.val },
          this.consumeComment(),
        );
      }
      case TokenType.Regex: {
        this.next();
        const { value, literal } = this.literal(t, () => parseRegexLiteral(t.val));
        return withComment(
          { kind: 'regex', pos: this.position(t.pos), value, literal },
          this.consumeComment(),
        );
      }
      case TokenType.Star:
        return this.star();
      case TokenType.Reference:
        return this.reference();
      case TokenType.Ident: {
        this.next();
        const isCall = this.peek().type === TokenType.LParen;
        this.backup();
        return isCall ? this.lambdaFunction() : this.identifier();
      }
      case TokenType.Minus:
      case TokenType.Not: {
        this.next();
        const operand = this.nested(t, () => this.primary());
        return withComment(
          {
            kind: 'unary',
            pos: this.position(t.pos),
            operator: t.type === TokenType.Minus ? '-' : '!',
            operand,
          },
          this.consumeComment(),
        );
      }
      default:
        return this.unexpected(t, operandTokens);
    }
  }

  private number(): Expr {
    const t = this.expect(TokenType.Number);
    const n = this.literal(t, () => parseNumberLiteral(t.val));
    const pos = this.position(t.pos);
    const comment = this.consumeComment();
    return n.isInt
      ? withComment({ kind: 'int', pos, value: n.value, literal: t.val }, comment)
      : withComment({ kind: 'float', pos, value: n.value, literal: t.val }, comment);
  }

  private string(): StringLiteral {
    const t = this.expect(TokenType.String);
    const { value, tripleQuoted } = parseStringLiteral(t.val);
    return withComment(
      { kind: 'string', pos: this.position(t.pos), value, tripleQuoted },
      this.consumeComment(),
    );
  }

  private star(): Expr & { kind: 'star' } {
    const t = this.expect(TokenType.Star);
    return withComment({ kind: 'star', pos: this.position(t.pos) }, this.consumeComment());
  }

  private reference(): ReferenceExpr {
    const t = this.expect(TokenType.Reference);
    return withComment(
      { kind: 'reference', pos: this.position(t.pos), name: parseReferenceLiteral(t.val) },
      this.consumeComment(),
    );
  }
}

function chainFollows(t: TokenType): boolean {
  return (
    t === TokenType.Dot ||
    t === TokenType.Pipe ||
    t === TokenType.At ||
    t === TokenType.Var ||
    t === TokenType.Ident
  );
}

/** Attach a comment only when there is one, so nodes without comments have no `comment` key. */
function withComment<T extends object>(node: T, comment: CommentNode | undefined): T {
  if (comment) (node as Commentable).comment = comment;
  return node;
}
