// A validating parser for the InfluxQL SELECT statement of a batch `query()`, and the query a
// batch node sends each period. Kapacitor parses the query when the task is defined (errors
// read `failed to parse InfluxQL query: found X, expected Y at line L, char C`), then replaces
// its GROUP BY with `.groupBy()`, its fill with `.fill()` and adds the time range to WHERE.
// The statement keeps the source text of each clause; the parser only has to accept exactly
// InfluxQL's syntax and find where each clause starts and ends.

import { formatInfluxDuration } from '../tick/influxql-duration.js';

export class InfluxQLError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly char: number,
  ) {
    super(`${message} at line ${line}, char ${char}`);
    this.name = 'InfluxQLError';
  }
}

type TokenKind = 'ident' | 'string' | 'number' | 'integer' | 'duration' | 'regex' | 'op' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const keywords = new Set([
  'ALL',
  'ALTER',
  'ANY',
  'AS',
  'ASC',
  'BEGIN',
  'BY',
  'CREATE',
  'CONTINUOUS',
  'DATABASE',
  'DATABASES',
  'DEFAULT',
  'DELETE',
  'DESC',
  'DESTINATIONS',
  'DIAGNOSTICS',
  'DISTINCT',
  'DROP',
  'DURATION',
  'END',
  'EVERY',
  'EXPLAIN',
  'FIELD',
  'FOR',
  'FROM',
  'GRANT',
  'GRANTS',
  'GROUP',
  'GROUPS',
  'IN',
  'INF',
  'INSERT',
  'INTO',
  'KEY',
  'KEYS',
  'KILL',
  'LIMIT',
  'MEASUREMENT',
  'MEASUREMENTS',
  'NAME',
  'OFFSET',
  'ON',
  'ORDER',
  'PASSWORD',
  'POLICY',
  'POLICIES',
  'PRIVILEGES',
  'QUERIES',
  'QUERY',
  'READ',
  'REPLICATION',
  'RESAMPLE',
  'RETENTION',
  'REVOKE',
  'SELECT',
  'SERIES',
  'SET',
  'SHARD',
  'SHARDS',
  'SLIMIT',
  'SOFFSET',
  'STATS',
  'SUBSCRIPTION',
  'SUBSCRIPTIONS',
  'TAG',
  'TO',
  'USER',
  'USERS',
  'VALUES',
  'WHERE',
  'WITH',
  'WRITE',
  'AND',
  'OR',
  'TRUE',
  'FALSE',
]);

const durationUnit = /^(ns|u|µ|ms|s|m|h|d|w)/;
const operators = [
  '=~',
  '!~',
  '!=',
  '<>',
  '<=',
  '>=',
  '::',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  '^',
  '(',
  ')',
  ',',
  '.',
  ';',
];

/** The pieces of the statement, as source text. */
export interface SelectStatement {
  fields: string;
  into: string;
  sources: string;
  condition: string;
  fill: string;
  /** ORDER BY, LIMIT, OFFSET, SLIMIT, SOFFSET and tz(), in the order written */
  tail: string;
}

class Scanner {
  private pos = 0;
  constructor(private readonly src: string) {}

  location(offset: number): { line: number; char: number } {
    const before = this.src.slice(0, offset);
    const lines = before.split('\n');
    return { line: lines.length, char: lines[lines.length - 1]!.length + 1 };
  }

  error(message: string, offset: number): InfluxQLError {
    const { line, char } = this.location(offset);
    return new InfluxQLError(message, line, char);
  }

  peekChar(): string {
    this.skipSpace();
    return this.src[this.pos] ?? '';
  }

  private skipSpace(): void {
    for (;;) {
      const m = /^(\s+|--[^\n]*|\/\*[\s\S]*?\*\/)/.exec(this.src.slice(this.pos));
      if (!m) return;
      this.pos += m[0].length;
    }
  }

  /** A regex literal `/.../` (only where InfluxQL expects one). */
  regex(): Token | undefined {
    this.skipSpace();
    if (this.src[this.pos] !== '/') return undefined;
    const start = this.pos;
    let i = this.pos + 1;
    while (i < this.src.length && this.src[i] !== '/') {
      if (this.src[i] === '\\') i++;
      if (this.src[i] === '\n') break;
      i++;
    }
    if (this.src[i] !== '/') throw this.error('unterminated regex', start);
    this.pos = i + 1;
    return { kind: 'regex', text: this.src.slice(start, this.pos), start, end: this.pos };
  }

  next(): Token {
    this.skipSpace();
    const start = this.pos;
    const rest = this.src.slice(start);
    if (rest === '') return { kind: 'eof', text: 'EOF', start, end: start };
    const c = rest[0]!;
    const tok = (kind: TokenKind, len: number, text = rest.slice(0, len)): Token => {
      this.pos = start + len;
      return { kind, text, start, end: this.pos };
    };
    if (c === '"' || c === "'") {
      let i = 1;
      while (i < rest.length && rest[i] !== c) {
        if (rest[i] === '\\') i++;
        else if (rest[i] === '\n')
          throw this.error(
            c === '"' ? 'unterminated quoted identifier' : 'unterminated string',
            start,
          );
        i++;
      }
      if (i >= rest.length)
        throw this.error(
          c === '"' ? 'unterminated quoted identifier' : 'unterminated string',
          start,
        );
      return tok(c === '"' ? 'ident' : 'string', i + 1);
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      const after = rest.slice(num[0].length);
      const unit = /^\d+$/.test(num[0]) ? durationUnit.exec(after) : null;
      if (unit && !/^[A-Za-z0-9_]/.test(after.slice(unit[0].length))) {
        let len = num[0].length + unit[0].length;
        // Compound durations: 1h30m.
        for (;;) {
          const more = /^(\d+)(ns|u|µ|ms|s|m|h|d|w)/.exec(rest.slice(len));
          if (!more) break;
          len += more[0].length;
        }
        return tok('duration', len);
      }
      return tok(/^\d+$/.test(num[0]) ? 'integer' : 'number', num[0].length);
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (ident) return tok('ident', ident[0].length);
    for (const op of operators) if (rest.startsWith(op)) return tok('op', op.length);
    return tok('op', 1);
  }

  save(): number {
    return this.pos;
  }

  restore(pos: number): void {
    this.pos = pos;
  }
}

const isKeyword = (t: Token, kw: string): boolean =>
  t.kind === 'ident' && t.text.toUpperCase() === kw;

function tokstr(t: Token): string {
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'ident' && keywords.has(t.text.toUpperCase())) return t.text.toUpperCase();
  return t.text;
}

class Parser {
  private tok: Token;
  private consumedEnd = 0;
  constructor(
    private readonly s: Scanner,
    private readonly src: string,
  ) {
    this.tok = s.next();
  }

  /** The current token (a method, so TypeScript does not narrow it across advance()). */
  private peek(): Token {
    return this.tok;
  }

  private advance(): Token {
    const t = this.tok;
    this.consumedEnd = t.end;
    this.tok = this.s.next();
    return t;
  }

  private expected(what: string): never {
    throw this.s.error(`found ${tokstr(this.tok)}, expected ${what}`, this.peek().start);
  }

  private keyword(kw: string): boolean {
    if (!isKeyword(this.peek(), kw)) return false;
    this.advance();
    return true;
  }

  private op(o: string): boolean {
    if (this.peek().kind !== 'op' || this.peek().text !== o) return false;
    this.advance();
    return true;
  }

  private expectKeyword(kw: string): void {
    if (!this.keyword(kw)) this.expected(kw);
  }

  /** Re-scan the current position as a regex when it starts one. */
  private regexHere(): boolean {
    if (this.peek().kind !== 'op' || this.peek().text !== '/') return false;
    this.s.restore(this.peek().start);
    const r = this.s.regex();
    if (!r) return false;
    this.consumedEnd = r.end;
    this.tok = this.s.next();
    return true;
  }

  private identifier(): Token {
    if (
      this.peek().kind !== 'ident' ||
      (this.peek().text[0] !== '"' && keywords.has(this.peek().text.toUpperCase()))
    )
      this.expected('identifier');
    return this.advance();
  }

  statement(): SelectStatement {
    if (!isKeyword(this.peek(), 'SELECT')) {
      this.expected('SELECT');
    }
    this.advance();
    const fieldsStart = this.peek().start;
    this.fields();
    const fields = this.src.slice(fieldsStart, this.lastEnd);
    let into = '';
    if (isKeyword(this.peek(), 'INTO')) {
      const start = this.peek().start;
      this.advance();
      this.measurement();
      into = ` ${this.src.slice(start, this.lastEnd)}`;
    }
    this.expectKeyword('FROM');
    const sourcesStart = this.peek().start;
    this.sources();
    const sources = this.src.slice(sourcesStart, this.lastEnd);
    let condition = '';
    if (this.keyword('WHERE')) {
      const start = this.peek().start;
      this.expr();
      condition = this.src.slice(start, this.lastEnd);
    }
    if (isKeyword(this.peek(), 'GROUP')) {
      this.advance();
      this.expectKeyword('BY');
      this.dimensions();
    }
    let fill = '';
    if (this.peek().kind === 'ident' && this.peek().text.toLowerCase() === 'fill') {
      const start = this.peek().start;
      this.advance();
      if (!this.op('(')) this.expected('(');
      const t = this.advance();
      const ok =
        (t.kind === 'ident' &&
          ['null', 'none', 'previous', 'linear'].includes(t.text.toLowerCase())) ||
        t.kind === 'integer' ||
        t.kind === 'number' ||
        (t.kind === 'op' &&
          t.text === '-' &&
          (this.peek().kind === 'integer' || this.peek().kind === 'number') &&
          this.advance() !== undefined);
      if (!ok) throw this.s.error(`fill must be a function call`, t.start);
      if (!this.op(')')) this.expected(')');
      fill = ` ${this.src.slice(start, this.lastEnd)}`;
    }
    const tailStart = this.peek().start;
    if (isKeyword(this.peek(), 'ORDER')) {
      this.advance();
      this.expectKeyword('BY');
      if (!(this.peek().kind === 'ident' && this.peek().text.toLowerCase() === 'time'))
        this.expected('identifier');
      this.advance();
      if (!this.keyword('ASC')) this.keyword('DESC');
    }
    for (const kw of ['LIMIT', 'OFFSET', 'SLIMIT', 'SOFFSET']) {
      if (this.keyword(kw)) {
        if (this.peek().kind !== 'integer') this.expected('integer');
        this.advance();
      }
    }
    if (this.peek().kind === 'ident' && this.peek().text.toLowerCase() === 'tz') {
      this.advance();
      if (!this.op('(')) this.expected('(');
      if (this.peek().kind !== 'string') this.expected('string');
      this.advance();
      if (!this.op(')')) this.expected(')');
    }
    const tail = this.peek().start > tailStart ? ` ${this.src.slice(tailStart, this.lastEnd)}` : '';
    return { fields, into, sources, condition, fill, tail };
  }

  /** End of the last consumed token: where a clause's source text ends. */
  private get lastEnd(): number {
    return this.consumedEnd;
  }

  end(): 'eof' | 'semicolon' {
    if (this.peek().kind === 'eof') return 'eof';
    if (this.op(';')) return this.peek().kind === 'eof' ? 'eof' : 'semicolon';
    return this.expected('EOF');
  }

  private fields(): void {
    do {
      if (this.op('*')) {
        this.typeCast();
      } else if (this.regexHere()) {
        // a regex field
      } else {
        this.expr();
      }
      if (this.keyword('AS')) this.identifier();
    } while (this.op(','));
  }

  /** `::float` etc. (FIELD and TAG are keywords, and allowed here). */
  private typeCast(): void {
    if (!this.op('::')) return;
    const t = this.peek();
    const types = ['float', 'integer', 'unsigned', 'string', 'boolean', 'field', 'tag'];
    if (t.kind !== 'ident' || !types.includes(t.text.toLowerCase())) {
      this.expected('float, integer, unsigned, string, boolean, field, tag');
    }
    this.advance();
  }

  private measurement(): void {
    if (this.regexHere()) return;
    this.identifier();
    for (let i = 0; i < 2 && this.peek().kind === 'op' && this.peek().text === '.'; i++) {
      this.advance();
      if (this.regexHere()) return;
      // `db..cpu`: the default retention policy.
      if (this.peek().kind === 'op' && this.peek().text === '.') continue;
      this.identifier();
    }
  }

  private sources(): void {
    do {
      if (this.op('(')) {
        this.statement();
        if (!this.op(')')) this.expected(')');
      } else {
        this.measurement();
      }
    } while (this.op(','));
  }

  private dimensions(): void {
    do {
      if (this.op('*')) continue;
      if (this.regexHere()) continue;
      this.expr();
    } while (this.op(','));
  }

  private static readonly binary: ReadonlyArray<readonly string[]> = [
    ['OR'],
    ['AND'],
    ['=', '!=', '<>', '<', '<=', '>', '>=', '=~', '!~'],
    ['+', '-', '|', '^'],
    ['*', '/', '%', '&'],
  ];

  private expr(level = 0): void {
    if (level >= Parser.binary.length) {
      this.unary();
      return;
    }
    this.expr(level + 1);
    for (;;) {
      const ops = Parser.binary[level]!;
      const t = this.tok;
      const matches =
        (t.kind === 'ident' && ops.includes(t.text.toUpperCase()) && level < 2) ||
        (t.kind === 'op' && ops.includes(t.text));
      if (!matches) return;
      this.advance();
      if ((t.text === '=~' || t.text === '!~') && this.regexHere()) continue;
      this.expr(level + 1);
    }
  }

  private unary(): void {
    if (this.peek().kind === 'op' && (this.peek().text === '-' || this.peek().text === '+')) {
      this.advance();
    }
    const t = this.tok;
    switch (t.kind) {
      case 'string':
      case 'number':
      case 'integer':
      case 'duration':
        this.advance();
        return;
      case 'ident': {
        if (t.text[0] !== '"' && keywords.has(t.text.toUpperCase())) {
          if (isKeyword(t, 'TRUE') || isKeyword(t, 'FALSE')) {
            this.advance();
            return;
          }
          this.expected('identifier, string, number, bool');
        }
        this.advance();
        if (t.text[0] !== '"' && this.op('(')) {
          if (!this.op(')')) {
            do {
              if (this.op('*')) continue;
              if (this.regexHere()) continue;
              this.expr();
            } while (this.op(','));
            if (!this.op(')')) this.expected(')');
          }
          return;
        }
        this.typeCast();
        return;
      }
      case 'op':
        if (t.text === '(') {
          this.advance();
          this.expr();
          if (!this.op(')')) this.expected(')');
          return;
        }
        if (this.regexHere()) return;
    }
    this.expected('identifier, string, number, bool');
  }
}

/**
 * Parse a batch query: exactly one SELECT statement. Throws InfluxQLError (located inside the
 * query) or an Error with Kapacitor's message for other statement counts and kinds.
 */
export function parseSelect(query: string): SelectStatement {
  const scanner = new Scanner(query);
  if (scanner.peekChar() === '')
    throw new Error('query must be a single select statement, got 0 statements');
  const parser = new Parser(scanner, query);
  const first = new Scanner(query).next();
  if (!isKeyword(first, 'SELECT')) {
    if (
      first.kind === 'ident' &&
      /^(SHOW|CREATE|DROP|DELETE|ALTER|GRANT|REVOKE|KILL|EXPLAIN)$/i.test(first.text)
    ) {
      throw new Error(`query is not a select statement "${query.trim()}"`);
    }
  }
  const stmt = parser.statement();
  if (parser.end() === 'semicolon') {
    throw new Error('query must be a single select statement, got 2 statements');
  }
  return stmt;
}

export type QueryFill = 'null' | 'none' | 'previous' | 'linear' | number | bigint;

export interface QueryDimensions {
  /** ns; the time() dimension, if any */
  time?: { length: bigint; offset: bigint };
  tags: string[];
  star: boolean;
}

/** InfluxQL's quoting of an identifier in GROUP BY (always quoted: never a keyword clash). */
function quote(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function formatFill(fill: QueryFill): string {
  return ` fill(${typeof fill === 'string' ? fill : String(fill)})`;
}

/**
 * The query for one run: the statement's own text with WHERE extended by the time range,
 * GROUP BY replaced by the node's dimensions and fill replaced when the node sets one.
 */
export function buildQuery(
  stmt: SelectStatement,
  range: { start: string; stop: string },
  dims: QueryDimensions,
  fill: QueryFill | undefined,
): string {
  const time = `time >= '${range.start}' AND time < '${range.stop}'`;
  const where = stmt.condition === '' ? time : `(${stmt.condition}) AND ${time}`;
  const groups: string[] = [];
  if (dims.time) {
    groups.push(
      `time(${formatInfluxDuration(dims.time.length)}, ${formatInfluxDuration(dims.time.offset)})`,
    );
  }
  for (const t of dims.tags) groups.push(quote(t));
  if (dims.star) groups.push('*');
  const groupBy = groups.length > 0 ? ` GROUP BY ${groups.join(', ')}` : '';
  const fillText = fill === undefined ? stmt.fill : formatFill(fill);
  return `SELECT ${stmt.fields}${stmt.into} FROM ${stmt.sources} WHERE ${where}${groupBy}${fillText}${stmt.tail}`;
}
