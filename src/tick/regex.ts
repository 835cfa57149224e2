// Go RE2 regular expressions on top of JS RegExp. TICKscript regexes (`/.../`) are RE2: this
// translates the RE2 syntax to an equivalent JS pattern (always in `u` mode so matching works on
// code points like RE2) and provides Go's ReplaceAllString with `$1`/`${name}` expansion.
// RE2 has no backreferences or lookaround; those are rejected here rather than silently accepted.

/** A syntax error, worded like Go's regexp package (`error parsing regexp: ...`). */
export class RegexSyntaxError extends Error {
  constructor(detail: string) {
    super(`error parsing regexp: ${detail}`);
    this.name = 'RegexSyntaxError';
  }
}

// Characters that must stay escaped in a JS `u`-mode pattern (`-` only inside a class, where
// it is the only place u-mode accepts `\-`).
const jsSyntaxChars = new Set('^$\\.*+?()[]{}|/'.split(''));

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// RE2's \s is ASCII-only and excludes \v.
const perlSpace = '\\t\\n\\f\\r ';

const simpleEscapes: Record<string, string> = {
  a: '\\x07',
  f: '\\f',
  t: '\\t',
  n: '\\n',
  r: '\\r',
  v: '\\v',
};

const generalCategories = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

interface Translation {
  source: string;
  flags: string;
}

class Translator {
  private i = 0;
  private out = '';
  private readonly chars: string[];
  private dotAll = false;
  private multiLine = false;
  private ignoreCase = false;

  constructor(private readonly pattern: string) {
    this.chars = Array.from(pattern);
  }

  translate(): Translation {
    this.leadingFlags();
    let depth = 0;
    while (this.i < this.chars.length) {
      const c = this.chars[this.i++]!;
      switch (c) {
        case '\\':
          this.out += this.escape(false);
          break;
        case '[':
          this.out += this.charClass();
          break;
        case '(':
          depth++;
          this.out += this.group();
          break;
        case ')':
          if (depth === 0) throw new RegexSyntaxError(`unexpected ): \`${this.pattern}\``);
          depth--;
          this.out += ')';
          break;
        case '.':
          this.out += this.dotAll ? '[\\s\\S]' : '[^\\n]';
          break;
        case '^':
          this.out += this.multiLine ? '(?<![^\\n])' : '^';
          break;
        case '$':
          this.out += this.multiLine ? '(?![^\\n])' : '$';
          break;
        case '{':
          this.out += this.repeat();
          break;
        case ']':
        case '}':
          this.out += `\\${c}`;
          break;
        default:
          this.out += c;
      }
    }
    if (depth > 0) throw new RegexSyntaxError(`missing closing ): \`${this.pattern}\``);
    return { source: this.out, flags: this.ignoreCase ? 'iu' : 'u' };
  }

  // `(?i)`, `(?s)`, `(?m)` (and combinations) at the very start become whole-pattern flags.
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([a-zA-Z]+)\)/.exec(this.chars.slice(this.i).join(''));
      if (!m) return;
      for (const f of m[1]!) this.setFlag(f, m[0]);
      this.i += m[0].length;
    }
  }

  private setFlag(f: string, context: string): void {
    if (f === 'i') this.ignoreCase = true;
    else if (f === 's') this.dotAll = true;
    else if (f === 'm') this.multiLine = true;
    else if (f === 'U')
      throw new RegexSyntaxError(`ungreedy flag (?U) is not supported: \`${context}\``);
    else throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`${context}\``);
  }

  private rest(): string {
    return this.chars.slice(this.i).join('');
  }

  private group(): string {
    if (this.chars[this.i] !== '?') return '(';
    const rest = this.rest();
    const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.i += Array.from(named[0]).length;
      return `(?<${named[1]}>`;
    }
    if (rest.startsWith('?:')) {
      this.i += 2;
      return '(?:';
    }
    if (/^\?(=|!|<=|<!)/.test(rest)) {
      const op = /^\?(<?[=!])/.exec(rest)![0];
      throw new RegexSyntaxError(
        `invalid or unsupported Perl syntax: \`(${op}\` (RE2 has no lookaround)`,
      );
    }
    if (rest.startsWith('?P=')) {
      throw new RegexSyntaxError(
        `invalid or unsupported Perl syntax: \`(?P=\` (RE2 has no backreferences)`,
      );
    }
    const flagGroup = /^\?([a-zA-Z-]*)(:|\))/.exec(rest);
    if (flagGroup) {
      // Mid-pattern flag changes cannot be expressed in the JS RegExp of Node 20; accept them only
      // when they change nothing.
      const wanted = flagGroup[1]!;
      const active = (f: string): boolean =>
        (f === 'i' && this.ignoreCase) ||
        (f === 's' && this.dotAll) ||
        (f === 'm' && this.multiLine);
      if (wanted.includes('-') || ![...wanted].every(active)) {
        throw new RegexSyntaxError(
          `flag group \`(${flagGroup[0]}\` is only supported at the start of the pattern`,
        );
      }
      this.i += flagGroup[0].length;
      return flagGroup[2] === ':' ? '(?:' : '';
    }
    throw new RegexSyntaxError(`invalid or unsupported Perl syntax: \`(${rest.slice(0, 2)}\``);
  }

  // `{n}`, `{n,}`, `{n,m}` are repetitions; any other `{` is a literal brace in RE2.
  private repeat(): string {
    const m = /^(\d+)(,(\d*))?\}/.exec(this.rest());
    if (!m) return '\\{';
    const min = Number(m[1]);
    const max = m[3] ? Number(m[3]) : min;
    if (min > 1000 || max > 1000 || (m[3] && max < min)) {
      throw new RegexSyntaxError(`invalid repeat count: \`{${m[0]}\``);
    }
    this.i += m[0].length;
    return `{${m[0]}`;
  }

  private charClass(): string {
    const start = this.i - 1;
    let body = '';
    let negated = false;
    if (this.chars[this.i] === '^') {
      negated = true;
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.chars[this.i++];
      if (c === undefined) {
        throw new RegexSyntaxError(`missing closing ]: \`${this.chars.slice(start).join('')}\``);
      }
      if (c === ']' && !first) break;
      first = false;
      if (c === ']') body += '\\]';
      else if (c === '\\') body += this.escape(true);
      else if (c === '[' && this.chars[this.i] === ':') {
        const m = /^:(\^?)([a-z]+):\]/.exec(this.rest());
        if (!m) {
          body += '\\[';
          continue;
        }
        const expansion = posixClasses[m[2]!];
        if (expansion === undefined) {
          throw new RegexSyntaxError(`invalid character class range: \`[${m[0]}\``);
        }
        this.i += m[0].length;
        if (m[1]) {
          // A negated POSIX class can only be expressed when it is the whole class.
          if (body !== '' || negated || this.chars[this.i] !== ']') {
            throw new RegexSyntaxError(`negated POSIX class must stand alone: \`[${m[0]}\``);
          }
          this.i++;
          return `[^${expansion}]`;
        }
        body += expansion;
      } else if (c === '[') body += '\\[';
      else body += c;
    }
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** One escape sequence after a backslash, translated for use inside or outside a class. */
  private escape(inClass: boolean): string {
    const c = this.chars[this.i++];
    if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression: ``');
    if (!inClass) {
      if (c === 'A') return '(?<![\\s\\S])';
      if (c === 'z') return '(?![\\s\\S])';
      if (c === 'b' || c === 'B') return `\\${c}`;
      if (c === 's') return `[${perlSpace}]`;
      if (c === 'S') return `[^${perlSpace}]`;
      if (c === 'Q') return this.quoted();
    } else if (c === 's') {
      return perlSpace;
    }
    if ('dDwWS'.includes(c)) return `\\${c}`;
    if (c === 'p' || c === 'P') return this.unicodeClass(c);
    const simple = simpleEscapes[c];
    if (simple !== undefined) return simple;
    if (c === 'x') return this.hexEscape();
    if (/[0-7]/.test(c)) return this.octalEscape(c);
    if (/[\p{L}\p{N}_]/u.test(c)) throw new RegexSyntaxError(`invalid escape sequence: \`\\${c}\``);
    return jsSyntaxChars.has(c) || (inClass && c === '-') ? `\\${c}` : c;
  }

  private quoted(): string {
    const rest = this.rest();
    const end = rest.indexOf('\\E');
    const text = end === -1 ? rest : rest.slice(0, end);
    this.i += Array.from(text).length + (end === -1 ? 0 : 2);
    return Array.from(text)
      .map((ch) => (jsSyntaxChars.has(ch) ? `\\${ch}` : ch))
      .join('');
  }

  private unicodeClass(p: string): string {
    let name: string;
    let negate = p === 'P';
    if (this.chars[this.i] === '{') {
      const close = this.chars.indexOf('}', this.i);
      if (close === -1) throw new RegexSyntaxError(`invalid character class range: \`\\${p}\``);
      name = this.chars.slice(this.i + 1, close).join('');
      this.i = close + 1;
    } else {
      name = this.chars[this.i++] ?? '';
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const prop = generalCategories.has(name) || name === 'Any' ? name : `Script=${name}`;
    const esc = `\\${negate ? 'P' : 'p'}{${prop === 'Any' ? 'Any' : prop}}`;
    try {
      new RegExp(esc, 'u');
    } catch {
      throw new RegexSyntaxError(`invalid character class range: \`\\${p}{${name}}\``);
    }
    return esc;
  }

  private hexEscape(): string {
    const rest = this.rest();
    const braced = /^\{([0-9A-Fa-f]+)\}/.exec(rest);
    const plain = /^[0-9A-Fa-f]{2}/.exec(rest);
    const m = braced ?? plain;
    if (!m) throw new RegexSyntaxError(`invalid escape sequence: \`\\x${rest.slice(0, 2)}\``);
    const code = parseInt(braced ? braced[1]! : m[0], 16);
    if (code > 0x10ffff) throw new RegexSyntaxError(`invalid escape sequence: \`\\x${m[0]}\``);
    this.i += m[0].length;
    return `\\u{${code.toString(16)}}`;
  }

  private octalEscape(first: string): string {
    const rest = this.rest();
    // A lone \1..\7 would be a backreference, which RE2 does not have.
    if (first !== '0' && !/^[0-7]/.test(rest)) {
      throw new RegexSyntaxError(
        `invalid escape sequence: \`\\${first}\` (RE2 has no backreferences)`,
      );
    }
    const more = /^[0-7]{0,2}/.exec(rest)![0];
    this.i += more.length;
    return `\\u{${parseInt(first + more, 8).toString(16)}}`;
  }
}

/** Translate an RE2 pattern to JS RegExp source and flags. */
export function translateRE2(pattern: string): Translation {
  return new Translator(pattern).translate();
}

/** A compiled RE2 regex: the RE2 source as written plus its JS equivalent. */
export class GoRegexp {
  /** Non-global, so `test` is stateless. */
  readonly regexp: RegExp;
  private readonly globalRegexp: RegExp;

  constructor(readonly source: string) {
    const { source: js, flags } = translateRE2(source);
    try {
      this.regexp = new RegExp(js, flags);
      this.globalRegexp = new RegExp(js, flags + 'g');
    } catch (err) {
      throw new RegexSyntaxError(`${(err as Error).message}: \`${source}\``);
    }
  }

  /** RE2 "find anywhere" semantics. */
  test(s: string): boolean {
    return this.regexp.test(s);
  }

  /** Go's Regexp.ReplaceAllString, including its rule for empty matches after a match. */
  replaceAll(src: string, template: string): string {
    const re = this.globalRegexp;
    let out = '';
    let lastMatchEnd = 0;
    let searchPos = 0;
    while (searchPos <= src.length) {
      re.lastIndex = searchPos;
      const m = re.exec(src);
      if (m === null) break;
      const a0 = m.index;
      const a1 = a0 + m[0].length;
      out += src.slice(lastMatchEnd, a0);
      if (a1 > lastMatchEnd || a0 === 0) out += expandTemplate(template, m);
      lastMatchEnd = a1;
      const cp = src.codePointAt(searchPos);
      const width = cp === undefined ? 0 : cp > 0xffff ? 2 : 1;
      if (searchPos + width > a1) searchPos += width;
      else if (searchPos + 1 > a1) searchPos++;
      else searchPos = a1;
    }
    return out + src.slice(lastMatchEnd);
  }

  toString(): string {
    return this.source;
  }
}

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`; malformed `$` stays literal. */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar === -1) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = extractGroupRef(rest);
    if (ref === undefined) {
      out += '$';
      continue;
    }
    rest = ref.rest;
    if (ref.num >= 0) out += m[ref.num] ?? '';
    else out += m.groups?.[ref.name] ?? '';
  }
  return out + rest;
}

function extractGroupRef(s: string): { name: string; num: number; rest: string } | undefined {
  let str = s;
  const brace = str.startsWith('{');
  if (brace) str = str.slice(1);
  const name = /^[\p{L}\p{Nd}_]*/u.exec(str)![0];
  if (name === '') return undefined;
  let i = name.length;
  if (brace) {
    if (str[i] !== '}') return undefined;
    i++;
  }
  let num = /^[0-9]+$/.test(name) && name.length < 9 ? Number(name) : -1;
  if (name.startsWith('0') && name.length > 1) num = -1;
  return { name, num, rest: str.slice(i) };
}
