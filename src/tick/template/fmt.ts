// Go's fmt for template values: Sprint, Sprintln, Sprintf and %v printing, including Go's
// error notations (`%!d(string=x)`, `%!d(MISSING)`, `%!(EXTRA int64=1)`).

import { formatFloat, quoteRune, quoteString, canBackquote } from './strconv.js';
import {
  kindOf,
  intOf,
  typeName,
  stringerText,
  sortedMapEntries,
  structFields,
  isNil,
} from './values.js';

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function cleanFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** One Sprint/Sprintf call: an output buffer plus the current verb's flags (Go's pp + fmt). */
class Printer {
  buf = '';
  f: Flags = cleanFlags();
  private erroring = false;

  // --- padding -------------------------------------------------------------------------------

  private padding(n: number): string {
    if (n <= 0) return '';
    return (this.f.zero && !this.f.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (this.f.minus) this.buf += s + ' '.repeat(Math.max(width, 0));
    else this.buf += this.padding(width) + s;
  }

  // --- basic kinds ---------------------------------------------------------------------------

  fmtBool(v: boolean, verb: string, arg: unknown): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, arg);
  }

  fmtInteger(v: bigint, verb: string, arg: unknown): void {
    switch (verb) {
      case 'v':
      case 'd':
        return this.fmtIntBase(v, 10, verb, '0123456789abcdefx');
      case 'b':
        return this.fmtIntBase(v, 2, verb, '0123456789abcdefx');
      case 'o':
      case 'O':
        return this.fmtIntBase(v, 8, verb, '0123456789abcdefx');
      case 'x':
        return this.fmtIntBase(v, 16, verb, '0123456789abcdefx');
      case 'X':
        return this.fmtIntBase(v, 16, verb, '0123456789ABCDEFX');
      case 'c':
        return this.pad(runeString(v));
      case 'q':
        return this.pad(quoteRune(Number(v), this.f.plus));
      case 'U':
        return this.fmtUnicode(v);
      default:
        return this.badVerb(verb, arg);
    }
  }

  private fmtIntBase(v: bigint, base: number, verb: string, digits: string): void {
    const f = this.f;
    const negative = v < 0n;
    const u = negative ? -v : v;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = f.zero;
        f.zero = false;
        this.buf += this.padding(f.wid);
        f.zero = oldZero;
        return;
      }
    } else if (f.zero && !f.minus && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--; // leave room for the sign
    }
    let s = u.toString(base);
    if (digits[10] === 'A') s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8 && s[0] !== '0') s = '0' + s;
      else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (f.plus) s = '+' + s;
    else if (f.space) s = ' ' + s;
    const oldZero = f.zero;
    f.zero = false; // zero padding was done above, as precision
    this.pad(s);
    f.zero = oldZero;
  }

  private fmtUnicode(v: bigint): void {
    let s = 'U+' + (v < 0n ? -v : v).toString(16).toUpperCase().padStart(4, '0');
    if (v < 0n) s = '-' + s;
    if (this.f.sharp && v >= 0n && v <= 0x10ffffn && isPrintRune(Number(v)))
      s += ` '${String.fromCodePoint(Number(v))}'`;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  fmtFloat(v: number, verb: string, arg: unknown): void {
    const f = this.f;
    let fmt: 'e' | 'E' | 'f' | 'g' | 'G';
    let prec: number;
    switch (verb) {
      case 'v':
        fmt = 'g';
        prec = -1;
        break;
      case 'g':
      case 'G':
        fmt = verb;
        prec = f.precPresent ? f.prec : -1;
        break;
      case 'f':
      case 'F':
      case 'e':
      case 'E':
        fmt = verb === 'F' ? 'f' : verb;
        prec = f.precPresent ? f.prec : 6;
        break;
      default:
        return this.badVerb(verb, arg);
    }
    let num = formatFloat(v, fmt, prec);
    if (f.sharp && (fmt === 'g' || fmt === 'G') && !num.includes('Inf') && !num.includes('NaN')) {
      num = sharpFloat(num, prec);
    }
    // Work with an explicit sign, as Go does, then decide whether to show it.
    let signed = num[0] === '-' || num[0] === '+' ? num : '+' + num;
    if (f.space && signed[0] === '+' && !f.plus) signed = ' ' + signed.slice(1);
    if (signed[1] === 'I' || signed[1] === 'N') {
      const oldZero = f.zero;
      f.zero = false;
      if (signed[1] === 'N' && !f.space && !f.plus) signed = signed.slice(1);
      this.pad(signed);
      f.zero = oldZero;
      return;
    }
    if (f.plus || signed[0] !== '+') {
      if (f.zero && !f.minus && f.widPresent && f.wid > signed.length) {
        this.buf += signed[0] + '0'.repeat(f.wid - signed.length) + signed.slice(1);
        return;
      }
      this.pad(signed);
      return;
    }
    this.pad(signed.slice(1));
  }

  fmtString(s: string, verb: string, arg: unknown): void {
    const f = this.f;
    switch (verb) {
      case 'v':
        if (f.sharpV) return this.pad(quoteString(s));
        return this.fmtS(s);
      case 's':
        return this.fmtS(s);
      case 'x':
      case 'X':
        return this.fmtHexString(s, verb === 'X');
      case 'q':
        if (f.sharp && canBackquote(s)) return this.pad('`' + s + '`');
        return this.pad(quoteString(this.truncate(s), f.plus));
      default:
        return this.badVerb(verb, arg);
    }
  }

  private truncate(s: string): string {
    if (!this.f.precPresent) return s;
    return [...s].slice(0, this.f.prec).join('');
  }

  private fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  private fmtHexString(s: string, upper: boolean): void {
    const f = this.f;
    let bytes = utf8Bytes(s);
    if (f.precPresent) bytes = bytes.slice(0, f.prec);
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    let out = '';
    bytes.forEach((b, i) => {
      if (f.space && i > 0) out += ' ';
      if (f.sharp && (f.space || i === 0)) out += upper ? '0X' : '0x';
      out += digits[b >> 4]! + digits[b & 15]!;
    });
    this.pad(out);
  }

  // --- errors --------------------------------------------------------------------------------

  badVerb(verb: string, arg: unknown): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (isNil(arg)) this.buf += '<nil>';
    else {
      this.buf += typeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.buf += ')';
    this.erroring = false;
  }

  // --- any value -----------------------------------------------------------------------------

  printArg(arg: unknown, verb: string): void {
    if (isNil(arg)) {
      if (verb === 'v' || verb === 'T') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    this.printValue(arg, verb, 0);
  }

  /** Stringers print through String() for %v %s %x %X %q, as fmt's handleMethods does. */
  private handleMethods(v: unknown, verb: string): boolean {
    if (this.erroring || this.f.sharpV) return false;
    if (verb !== 'v' && verb !== 's' && verb !== 'x' && verb !== 'X' && verb !== 'q') return false;
    const text = stringerText(v);
    if (text === undefined) return false;
    this.fmtString(text, verb, v);
    return true;
  }

  printValue(v: unknown, verb: string, depth: number): void {
    const kind = kindOf(v);
    if (kind !== 'bool' && kind !== 'float' && kind !== 'string' && typeof v !== 'bigint') {
      if (this.handleMethods(v, verb)) return;
    }
    switch (kind) {
      case 'invalid':
        this.buf += depth === 0 ? '<invalid reflect.Value>' : '<nil>';
        return;
      case 'bool':
        return this.fmtBool(v as boolean, verb, v);
      case 'int':
        return this.fmtInteger(intOf(v), verb, v);
      case 'float':
        return this.fmtFloat(v as number, verb, v);
      case 'string':
        return this.fmtString(v as string, verb, v);
      case 'map': {
        this.buf += 'map[';
        let first = true;
        for (const [k, val] of sortedMapEntries(v as ReadonlyMap<unknown, unknown>)) {
          if (!first) this.buf += ' ';
          first = false;
          this.printValue(k, verb, depth + 1);
          this.buf += ':';
          this.printValue(val, verb, depth + 1);
        }
        this.buf += ']';
        return;
      }
      case 'slice': {
        this.buf += '[';
        (v as readonly unknown[]).forEach((el, i) => {
          if (i > 0) this.buf += ' ';
          this.printValue(el, verb, depth + 1);
        });
        this.buf += ']';
        return;
      }
      case 'struct': {
        this.buf += '{';
        structFields(v as object).forEach(([name, val], i) => {
          if (i > 0) this.buf += ' ';
          if (this.f.plusV || this.f.sharpV) this.buf += name + ':';
          this.printValue(val, verb, depth + 1);
        });
        this.buf += '}';
        return;
      }
      case 'func':
        if (verb === 'v' || verb === 'p') this.pad('0x0');
        else this.badVerb(verb, v);
        return;
    }
  }

  // --- Sprintf -------------------------------------------------------------------------------

  doPrintf(format: string, args: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let reordered = false;
    let i = 0;
    while (i < end) {
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++; // skip %
      this.f = cleanFlags();
      const f = this.f;
      flags: for (; i < end; i++) {
        switch (format[i]) {
          case '#':
            f.sharp = true;
            break;
          case '0':
            f.zero = !f.minus; // only allow zero padding to the left
            break;
          case '+':
            f.plus = true;
            break;
          case '-':
            f.minus = true;
            f.zero = false;
            break;
          case ' ':
            f.space = true;
            break;
          default:
            break flags;
        }
      }
      let goodArgNum = true;
      let afterIndex = false;
      const argIndex = (): void => {
        if (format[i] !== '[') return;
        reordered = true;
        const close = format.indexOf(']', i);
        const n = close < 0 ? NaN : Number(format.slice(i + 1, close));
        if (close < 0 || !/^\d+$/.test(format.slice(i + 1, close)) || n < 1 || n > args.length) {
          goodArgNum = false;
          i = close < 0 ? end : close + 1;
          return;
        }
        argNum = n - 1;
        i = close + 1;
        afterIndex = true;
      };
      const intArg = (): number | undefined => {
        const a = args[argNum];
        if (argNum >= args.length || kindOf(a) !== 'int') {
          if (argNum < args.length) argNum++;
          return undefined;
        }
        argNum++;
        return Number(intOf(a));
      };
      const parseNum = (): number | undefined => {
        const start = i;
        while (i < end && format[i]! >= '0' && format[i]! <= '9') i++;
        return i > start ? Number(format.slice(start, i)) : undefined;
      };
      argIndex();
      if (format[i] === '*') {
        i++;
        const w = intArg();
        if (w === undefined) this.buf += '%!(BADWIDTH)';
        else {
          f.widPresent = true;
          f.wid = w;
          if (w < 0) {
            f.wid = -w;
            f.minus = true;
            f.zero = false;
          }
        }
        afterIndex = false;
      } else {
        const w = parseNum();
        if (w !== undefined) {
          f.wid = w;
          f.widPresent = true;
          if (afterIndex) goodArgNum = false;
        }
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        argIndex();
        if (format[i] === '*') {
          i++;
          const p = intArg();
          if (p === undefined || p < 0) {
            if (p === undefined) this.buf += '%!(BADPREC)';
          } else {
            f.prec = p;
            f.precPresent = true;
          }
          afterIndex = false;
        } else {
          f.prec = parseNum() ?? 0;
          f.precPresent = true;
        }
      }
      if (!afterIndex) argIndex();
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') this.buf += '%';
      else if (!goodArgNum) this.buf += `%!${verb}(BADINDEX)`;
      else if (argNum >= args.length) this.buf += `%!${verb}(MISSING)`;
      else {
        if (verb === 'v') {
          f.sharpV = f.sharp;
          f.sharp = false;
          f.plusV = f.plus;
          f.plus = false;
        }
        this.printArg(args[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < args.length) {
      this.f = cleanFlags();
      this.buf += '%!(EXTRA ';
      args.slice(argNum).forEach((arg, j) => {
        if (j > 0) this.buf += ', ';
        if (isNil(arg)) this.buf += '<nil>';
        else {
          this.buf += typeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.buf += ')';
    }
  }
}

function isPrintRune(cp: number): boolean {
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && !(cp >= 0xd800 && cp <= 0xdfff);
}

function runeString(v: bigint): string {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return '\ufffd';
  return String.fromCodePoint(Number(v));
}

/** %#g keeps trailing zeros up to the precision (Go's sharp flag for 'g'). */
function sharpFloat(num: string, prec: number): string {
  const digitsWanted = prec < 0 ? 6 : prec === 0 ? 1 : prec;
  const m = /^([-+]?)(\d+)(?:\.(\d*))?([eE].*)?$/.exec(num);
  if (!m) return num;
  const [, sign, int, frac = '', exp = ''] = m;
  const sig = (int === '0' ? '' : int!) + frac;
  const have = int === '0' ? frac.replace(/^0+/, '').length || 1 : sig.length;
  const extra = Math.max(digitsWanted - have, 0);
  return `${sign}${int}.${frac}${'0'.repeat(extra)}${exp}`;
}

/** fmt.Sprint: operands are separated by a space when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln: operands always separated by a space, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.buf += ' ';
    p.printArg(arg, 'v');
  });
  return p.buf + '\n';
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}

/** A single value as fmt.Sprint prints it (%v). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}
