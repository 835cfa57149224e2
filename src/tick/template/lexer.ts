// Go text/template's lexer: splits template text into text runs and action tokens, handling
// `{{- ` / ` -}}` whitespace trimming and `{{/* comments */}}` exactly as Go's lex.go does.

export type ItemType =
  | 'error'
  | 'bool'
  | 'char' // a printable ASCII character inside an action (used for ',')
  | 'charConstant'
  | 'complex'
  | 'comment'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'dot'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

export interface Item {
  type: ItemType;
  /** Byte-ish offset (UTF-16 index) of the token in the template text. */
  pos: number;
  val: string;
  /** 1-based line the token starts on. */
  line: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'nil',
  'range',
  'template',
  'with',
]);

export function isKeyword(t: ItemType): boolean {
  return KEYWORDS.has(t);
}

const LEFT = '{{';
const RIGHT = '}}';
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
const TRIM_MARKER_LEN = 2; // "- " or " -"

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === '-' && isSpace(s[at + 1]);
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at]) && s[at + 1] === '-';
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Tokenise the whole template; the last item is `eof` or `error`. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: ItemType): void => {
    items.push({ type, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const next = (): string | undefined => {
    if (pos >= input.length) return undefined;
    const c = input[pos++]!;
    if (c === '\n') line++;
    return c;
  };
  const backup = (): void => {
    pos--;
    if (input[pos] === '\n') line--;
  };
  const peek = (): string | undefined => input[pos];
  const fail = (msg: string): Item[] => {
    items.push({ type: 'error', pos: start, val: msg, line: startLine });
    return items;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + TRIM_MARKER_LEN)) {
      return { delim: true, trim: true };
    }
    return { delim: input.startsWith(RIGHT, pos), trim: false };
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const leftTrimLength = (at: number): number => {
    let n = 0;
    while (isSpace(input[at + n])) n++;
    return n;
  };
  const scanNumber = (): boolean => {
    const accept = (valid: string): boolean => {
      const c = peek();
      if (c !== undefined && valid.includes(c)) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (valid: string): void => {
      while (accept(valid));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      pos++;
      return false;
    }
    return true;
  };

  for (;;) {
    // Text, up to the next left delimiter.
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        items.push({ type: 'text', pos: start, val: input.slice(start, pos), line: startLine });
      }
      items.push({ type: 'eof', pos, val: '', line: line + countNewlines(input.slice(start)) });
      return items;
    }
    if (x > pos) {
      pos = x;
      let trimLength = 0;
      if (hasLeftTrimMarker(input, x + LEFT.length)) {
        const text = input.slice(start, pos);
        trimLength = text.length - text.replace(/[ \t\r\n]+$/, '').length;
      }
      pos -= trimLength;
      const val = input.slice(start, pos);
      if (val.length > 0) items.push({ type: 'text', pos: start, val, line: startLine });
      line += countNewlines(val);
      start = pos;
      startLine = line;
      pos += trimLength;
      ignore();
    }
    // Left delimiter.
    pos += LEFT.length;
    const trimLeft = hasLeftTrimMarker(input, pos);
    const afterMarker = trimLeft ? TRIM_MARKER_LEN : 0;
    if (input.startsWith(LEFT_COMMENT, pos + afterMarker)) {
      pos += afterMarker;
      ignore();
      pos += LEFT_COMMENT.length;
      const end = input.indexOf(RIGHT_COMMENT, pos);
      if (end < 0) return fail('unclosed comment');
      pos = end + RIGHT_COMMENT.length;
      const { delim, trim } = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      if (trim) pos += TRIM_MARKER_LEN;
      pos += RIGHT.length;
      if (trim) pos += leftTrimLength(pos);
      ignore();
      continue;
    }
    items.push({ type: 'leftDelim', pos: start, val: LEFT, line: startLine });
    pos += afterMarker;
    ignore();
    parenDepth = 0;

    // Inside the action.
    for (;;) {
      const { delim, trim } = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return fail('unclosed left paren');
        if (trim) {
          pos += TRIM_MARKER_LEN;
          ignore();
        }
        pos += RIGHT.length;
        emit('rightDelim');
        if (trim) {
          pos += leftTrimLength(pos);
          ignore();
        }
        break;
      }
      const c = next();
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        backup();
        let numSpaces = 0;
        while (isSpace(peek())) {
          next();
          numSpaces++;
        }
        // A trim-marked closing delimiter starts with a space: leave that space to it.
        if (
          hasRightTrimMarker(input, pos - 1) &&
          input.startsWith(RIGHT, pos - 1 + TRIM_MARKER_LEN)
        ) {
          backup();
          if (numSpaces === 1) continue;
        }
        emit('space');
        continue;
      }
      switch (c) {
        case '=':
          emit('assign');
          continue;
        case ':':
          if (next() !== '=') return fail('expected :=');
          emit('declare');
          continue;
        case '|':
          emit('pipe');
          continue;
        case '"':
          for (;;) {
            const d = next();
            if (d === '\\') {
              const e = next();
              if (e !== undefined && e !== '\n') continue;
            }
            if (d === '\\' || d === undefined || d === '\n')
              return fail('unterminated quoted string');
            if (d === '"') break;
          }
          emit('string');
          continue;
        case '`':
          for (;;) {
            const d = next();
            if (d === undefined) return fail('unterminated raw quoted string');
            if (d === '`') break;
          }
          emit('rawString');
          continue;
        case "'":
          for (;;) {
            const d = next();
            if (d === '\\') {
              const e = next();
              if (e !== undefined && e !== '\n') continue;
            }
            if (d === '\\' || d === undefined || d === '\n')
              return fail('unterminated character constant');
            if (d === "'") break;
          }
          emit('charConstant');
          continue;
        case '$':
        case '.': {
          const p = peek();
          if (c === '.' && p !== undefined && p >= '0' && p <= '9') {
            backup();
            if (!scanNumber())
              return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
            emit('number');
            continue;
          }
          if (atTerminator()) {
            emit(c === '$' ? 'variable' : 'dot');
            continue;
          }
          while (isAlphaNumeric(peek())) next();
          if (!atTerminator()) return fail(`bad character ${goRuneName(peek()!)}`);
          emit(c === '$' ? 'variable' : 'field');
          continue;
        }
        case '(':
          emit('leftParen');
          parenDepth++;
          continue;
        case ')':
          emit('rightParen');
          parenDepth--;
          if (parenDepth < 0) return fail('unexpected right paren');
          continue;
      }
      if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        backup();
        if (!scanNumber())
          return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
        if (peek() === '+' || peek() === '-') {
          if (!scanNumber() || input[pos - 1] !== 'i') {
            return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
          }
          emit('complex');
        } else emit('number');
        continue;
      }
      if (isAlphaNumeric(c)) {
        while (isAlphaNumeric(peek())) next();
        if (!atTerminator()) return fail(`bad character ${goRuneName(peek()!)}`);
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit(word as ItemType);
        else if (word === 'true' || word === 'false') emit('bool');
        else emit('identifier');
        continue;
      }
      if (c.charCodeAt(0) < 0x7f && c.charCodeAt(0) >= 0x20) {
        emit('char');
        continue;
      }
      return fail(`unrecognized character in action: ${goRuneName(c)}`);
    }
  }
}

/** Go's %#U: U+0023 '#'. */
function goRuneName(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${c}'` : hex;
}
