// TICKscript token kinds and their display names, as Kapacitor's lexer names them in errors
// (`unexpected <name> ... expected: "<name>",...`).

export enum TokenType {
  Error,
  EOF,
  Var,
  Dbrp,
  Asgn,
  Dot,
  Pipe,
  At,
  Ident,
  Reference,
  Lambda,
  Number,
  String,
  Duration,
  LParen,
  RParen,
  LSBracket,
  RSBracket,
  Comma,
  Not,
  True,
  False,
  Regex,
  Comment,
  Star,
  // Binary expression operators (kept contiguous: see isExprOperator).
  Plus,
  Minus,
  Mult,
  Div,
  Mod,
  And,
  Or,
  Equal,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  RegexEqual,
  RegexNotEqual,
}

const displayNames: Record<TokenType, string> = {
  [TokenType.Error]: 'ERR',
  [TokenType.EOF]: 'EOF',
  [TokenType.Var]: 'var',
  [TokenType.Dbrp]: 'dbrp',
  [TokenType.Asgn]: '=',
  [TokenType.Dot]: '.',
  [TokenType.Pipe]: '|',
  [TokenType.At]: '@',
  [TokenType.Ident]: 'identifier',
  [TokenType.Reference]: 'reference',
  [TokenType.Lambda]: 'lambda',
  [TokenType.Number]: 'number',
  [TokenType.String]: 'string',
  [TokenType.Duration]: 'duration',
  [TokenType.LParen]: '(',
  [TokenType.RParen]: ')',
  [TokenType.LSBracket]: '[',
  [TokenType.RSBracket]: ']',
  [TokenType.Comma]: ',',
  [TokenType.Not]: '!',
  [TokenType.True]: 'TRUE',
  [TokenType.False]: 'FALSE',
  [TokenType.Regex]: 'regex',
  [TokenType.Comment]: '//',
  [TokenType.Star]: '*',
  [TokenType.Plus]: '+',
  [TokenType.Minus]: '-',
  [TokenType.Mult]: '*',
  [TokenType.Div]: '/',
  [TokenType.Mod]: '%',
  [TokenType.And]: 'AND',
  [TokenType.Or]: 'OR',
  [TokenType.Equal]: '==',
  [TokenType.NotEqual]: '!=',
  [TokenType.Less]: '<',
  [TokenType.Greater]: '>',
  [TokenType.LessEqual]: '<=',
  [TokenType.GreaterEqual]: '>=',
  [TokenType.RegexEqual]: '=~',
  [TokenType.RegexNotEqual]: '!~',
};

export function tokenName(t: TokenType): string {
  return displayNames[t];
}

/** Binary operators usable in expressions (`+ - * / % AND OR == != < > <= >= =~ !~`). */
export function isExprOperator(t: TokenType): boolean {
  return t >= TokenType.Plus && t <= TokenType.RegexNotEqual;
}

export const keywords: ReadonlyMap<string, TokenType> = new Map([
  ['AND', TokenType.And],
  ['OR', TokenType.Or],
  ['TRUE', TokenType.True],
  ['FALSE', TokenType.False],
  ['var', TokenType.Var],
  ['dbrp', TokenType.Dbrp],
  ['lambda', TokenType.Lambda],
]);

/** Operator spellings → token, for the operator scanner. */
export const operatorTokens: ReadonlyMap<string, TokenType> = new Map([
  ['!', TokenType.Not],
  ['+', TokenType.Plus],
  ['-', TokenType.Minus],
  ['*', TokenType.Mult],
  ['/', TokenType.Div],
  ['%', TokenType.Mod],
  ['==', TokenType.Equal],
  ['!=', TokenType.NotEqual],
  ['<', TokenType.Less],
  ['>', TokenType.Greater],
  ['<=', TokenType.LessEqual],
  ['>=', TokenType.GreaterEqual],
  ['=~', TokenType.RegexEqual],
  ['!~', TokenType.RegexNotEqual],
]);

export interface Token {
  type: TokenType;
  /** Byte offset of the token's first byte in the UTF-8 source. */
  pos: number;
  /** Token text (for Error tokens: the lexer's message). */
  val: string;
}
