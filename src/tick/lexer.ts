// The TICKscript lexer: a port of Kapacitor's state machine (tick/ast/lex.go), because the
// regex-vs-division decision, comment merging and error positions all fall out of which state
// the machine is in, and byte-exact parse errors depend on reproducing them.
//
// States: `lexToken` expects an operand (here `/` starts a regex and `-`/`!` are unary);
// `tryLexBinaryOperator` runs after an operand (identifier, keyword, number, duration, string,
// reference, `)`) and reads a binary operator if one follows.

import { utf8Width } from './source.js';
import { keywords, operatorTokens, TokenType, type Token } from './token.js';

const EOF = -1;

type State = ((l: Lexer) => State) | null;

// ASCII first: the Unicode classes are only consulted for other code points.
const isLetter = (r: number): boolean =>
  r < 0x80
    ? (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a)
    : /\p{L}/u.test(String.fromCodePoint(r));
const isDigit = (r: number): boolean =>
  r < 0x80 ? r >= 0x30 && r <= 0x39 : /\p{Nd}/u.test(String.fromCodePoint(r));
const isSpace = (r: number): boolean =>
  r < 0x80
    ? r === 0x20 || (r >= 0x09 && r <= 0x0d)
    : r >= 0 && /\p{White_Space}/u.test(String.fromCodePoint(r));
const isIdentChar = (r: number): boolean => isDigit(r) || isLetter(r) || r === 0x5f; // _
const ch = (s: string): number => s.codePointAt(0)!;

const durationUnits = new Set(['u', 'µ', 's', 'm', 'h', 'd', 'w'].map(ch));

export class Lexer {
  /** JS string index and UTF-8 byte offset of the token being scanned and of the cursor. */
  private startIndex = 0;
  private startPos = 0;
  private index = 0;
  private pos = 0;
  private lastUnits = 0;
  private lastBytes = 0;
  private readonly tokens: Token[] = [];
  private readIndex = 0;
  private state: State = lexToken;

  constructor(readonly input: string) {}

  /** The next token; after EOF or an error, Kapacitor's closed channel yields zero tokens. */
  nextToken(): Token {
    while (this.readIndex >= this.tokens.length && this.state !== null) {
      this.state = this.state(this);
    }
    const t = this.tokens[this.readIndex];
    if (t === undefined) return { type: TokenType.Error, pos: 0, val: '' };
    this.readIndex++;
    return t;
  }

  next(): number {
    if (this.index >= this.input.length) {
      this.lastUnits = 0;
      this.lastBytes = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.index)!;
    this.lastUnits = r > 0xffff ? 2 : 1;
    this.lastBytes = utf8Width(r);
    this.index += this.lastUnits;
    this.pos += this.lastBytes;
    return r;
  }

  backup(): void {
    this.index -= this.lastUnits;
    this.pos -= this.lastBytes;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  current(): string {
    return this.input.slice(this.startIndex, this.index);
  }

  emit(type: TokenType): void {
    this.tokens.push({ type, pos: this.startPos, val: this.current() });
    this.ignore();
  }

  ignore(): void {
    this.startIndex = this.index;
    this.startPos = this.pos;
  }

  ignoreSpace(): void {
    while (isSpace(this.next())) this.ignore();
    this.backup();
  }

  errorf(message: string): State {
    this.tokens.push({ type: TokenType.Error, pos: this.startPos, val: message });
    return null;
  }
}

export function lex(input: string): Lexer {
  return new Lexer(input);
}

function lexToken(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === ch('-') || r === ch('!')) {
      l.emit(r === ch('-') ? TokenType.Minus : TokenType.Not);
      return lexToken;
    }
    if (isDigit(r) || r === ch('.')) {
      l.backup();
      return lexNumberOrDurationOrDot;
    }
    if (isLetter(r)) return lexIdentOrKeyword;
    switch (r) {
      case ch('"'):
        return lexReference;
      case ch("'"):
        l.backup();
        return lexString;
      case ch('('):
        l.emit(TokenType.LParen);
        return lexToken;
      case ch(')'):
        l.emit(TokenType.RParen);
        return tryLexBinaryOperator;
      case ch('['):
        l.emit(TokenType.LSBracket);
        return lexToken;
      case ch(']'):
        l.emit(TokenType.RSBracket);
        return lexToken;
      case ch('|'):
        l.emit(TokenType.Pipe);
        return lexToken;
      case ch('@'):
        l.emit(TokenType.At);
        return lexToken;
      case ch(','):
        l.emit(TokenType.Comma);
        return lexToken;
      case ch('*'):
        l.emit(TokenType.Star);
        return lexToken;
      case ch('/'):
        // `//` is a comment; otherwise an operand position `/` starts a regex.
        if (l.peek() === ch('/')) {
          l.backup();
          return lexComment;
        }
        l.backup();
        return lexRegex;
      case EOF:
        l.emit(TokenType.EOF);
        return null;
    }
    if (isSpace(r)) {
      l.ignore();
      continue;
    }
    return l.errorf(`unknown state, last char: ${quoteRune(r)}`);
  }
}

function tryLexBinaryOperator(l: Lexer): State {
  l.ignoreSpace();
  const r = l.next();
  switch (r) {
    case ch('+'):
    case ch('-'):
    case ch('*'):
    case ch('%'):
      l.emit(operatorTokens.get(l.current())!);
      return lexToken;
    case ch('/'):
      if (l.peek() === ch('/')) {
        l.backup();
        return lexComment;
      }
      l.emit(TokenType.Div);
      return lexToken;
    case ch('!'): {
      if (l.peek() === ch('=') || l.peek() === ch('~')) l.next();
      const op = operatorTokens.get(l.current())!;
      l.emit(op);
      if (op === TokenType.RegexNotEqual) return regexAfterOperator(l);
      return lexToken;
    }
    case ch('>'):
    case ch('<'):
      if (l.peek() === ch('=')) l.next();
      l.emit(operatorTokens.get(l.current())!);
      return lexToken;
    case ch('='):
      if (l.peek() === ch('~') || l.peek() === ch('=')) {
        l.next();
        const op = operatorTokens.get(l.current())!;
        l.emit(op);
        if (op === TokenType.RegexEqual) return regexAfterOperator(l);
        return lexToken;
      }
      l.emit(TokenType.Asgn);
      return regexAfterOperator(l);
    default:
      // Not an operator: go back to expecting an operand.
      l.backup();
      return lexToken;
  }
}

/** After `=`, `=~` and `!~` a `/` always starts a regex, never a comment. */
function regexAfterOperator(l: Lexer): State {
  l.ignoreSpace();
  return l.peek() === ch('/') ? lexRegex : lexToken;
}

function lexIdentOrKeyword(l: Lexer): State {
  while (isIdentChar(l.next()));
  l.backup();
  const kw = keywords.get(l.current());
  if (kw === undefined) {
    l.emit(TokenType.Ident);
  } else if (kw === TokenType.Lambda && l.next() !== ch(':')) {
    // `lambda` without an immediately following `:` is an ordinary identifier.
    l.backup();
    l.emit(TokenType.Ident);
  } else {
    l.emit(kw);
  }
  return tryLexBinaryOperator;
}

function lexNumberOrDurationOrDot(l: Lexer): State {
  let foundDecimal = false;
  let first = true;
  for (;;) {
    const r = l.next();
    if (r === ch('.')) {
      if (first && !isDigit(l.peek())) {
        l.emit(TokenType.Dot);
        return lexToken;
      }
      if (foundDecimal) return l.errorf('multiple decimals in number');
      foundDecimal = true;
    } else if (isDigit(r)) {
      // absorb
    } else if (!foundDecimal && durationUnits.has(r)) {
      if (r === ch('m') && l.peek() === ch('s')) l.next();
      l.emit(TokenType.Duration);
      return tryLexBinaryOperator;
    } else {
      l.backup();
      l.emit(TokenType.Number);
      return tryLexBinaryOperator;
    }
    first = false;
  }
}

function lexReference(l: Lexer): State {
  for (;;) {
    const r = l.next();
    if (r === ch('\\')) {
      if (l.peek() === ch('"')) l.next();
    } else if (r === ch('"')) {
      l.emit(TokenType.Reference);
      return tryLexBinaryOperator;
    } else if (r === EOF) {
      return l.errorf('unterminated field reference');
    }
  }
}

// Single-quoted ('...', with \' escapes) or triple-quoted ('''...''', raw) strings.
function lexString(l: Lexer): State {
  const quote = ch("'");
  let count = 0;
  for (;;) {
    const r = l.next();
    if (r !== quote) return l.errorf('unterminated string');
    count++;
    if (count === 1 && l.peek() === quote) {
      // '' is the empty string; ''' opens a triple-quoted string.
      count++;
      l.next();
      if (l.peek() === quote) {
        count++;
        l.next();
      } else {
        l.emit(TokenType.String);
        return tryLexBinaryOperator;
      }
    }
    if ((count === 1 && l.peek() !== quote) || count === 3) {
      const total = count;
      for (;;) {
        const c = l.next();
        if (c === ch('\\') && count === 1) {
          if (l.peek() === quote) l.next();
        } else if (c === quote) {
          count--;
          if (count === 0) {
            l.emit(TokenType.String);
            return tryLexBinaryOperator;
          }
        } else if (c === EOF) {
          return l.errorf('unterminated string');
        } else {
          count = total;
        }
      }
    }
  }
}

function lexRegex(l: Lexer): State {
  const n = l.next();
  if (n !== ch('/')) {
    return l.errorf(`unexpected "${n === EOF ? '' : String.fromCodePoint(n)}" expected "/"`);
  }
  for (;;) {
    const r = l.next();
    if (r === ch('\\')) {
      if (l.peek() === ch('/')) l.next();
    } else if (r === ch('/')) {
      l.emit(TokenType.Regex);
      return lexToken;
    } else if (r === EOF) {
      return l.errorf('unterminated regex');
    }
  }
}

// A comment runs to the end of its line; following lines whose first non-space character is
// `/` continue the same comment block (Kapacitor does not check for the second slash).
function lexComment(l: Lexer): State {
  if (l.next() !== ch('/')) {
    l.backup();
    return l.errorf("invalid character '/'");
  }
  for (;;) {
    const r = l.next();
    if (r === ch('\n')) {
      let n = l.next();
      while (n !== ch('\n') && isSpace(n)) n = l.next();
      if (n === ch('/')) continue;
      l.backup();
      l.emit(TokenType.Comment);
      return lexToken;
    }
    if (r === EOF) {
      l.emit(TokenType.Comment);
      return lexToken;
    }
  }
}

/** Go's %q for a rune: 'x', with escapes for quotes, backslash and non-printables. */
export function quoteRune(r: number): string {
  const named: Record<number, string> = {
    0x07: '\\a',
    0x08: '\\b',
    0x0c: '\\f',
    0x0a: '\\n',
    0x0d: '\\r',
    0x09: '\\t',
    0x0b: '\\v',
    0x5c: '\\\\',
    0x27: "\\'",
  };
  const esc = named[r];
  if (esc !== undefined) return `'${esc}'`;
  const s = String.fromCodePoint(r);
  if (/[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(s) || r === 0x20) return `'${s}'`;
  if (r < 0x80) return `'\\x${r.toString(16).padStart(2, '0')}'`;
  if (r <= 0xffff) return `'\\u${r.toString(16).padStart(4, '0')}'`;
  return `'\\U${r.toString(16).padStart(8, '0')}'`;
}
