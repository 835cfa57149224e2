// Go's strconv for what templates print: float64 formatting ('e', 'f', 'g' with a precision
// or shortest) and string/rune quoting. Floats are formatted from exact decimal digits with
// round-half-even, as Go does, rather than with JS toFixed (which rounds ties away from zero).

/** A non-negative decimal: 0.<digits> × 10^dp. `digits` has no leading or trailing zeros. */
interface Decimal {
  digits: string;
  dp: number;
}

const float64View = new DataView(new ArrayBuffer(8));

/** The exact decimal expansion of a finite, non-negative float64. */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  float64View.setFloat64(0, x);
  const hi = float64View.getUint32(0);
  const lo = float64View.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mantissa << BigInt(exp)).toString();
    dp = s.length;
  } else {
    // m × 2^e = m × 5^-e / 10^-e
    s = (mantissa * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return { digits: s.replace(/0+$/, ''), dp };
}

/** The shortest digits that round-trip (JS and Go agree on these). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e') as [string, string];
  return { digits: mant.replace('.', '').replace(/0+$/, ''), dp: Number(e) + 1 };
}

/** Go's decimal.Round(nd): keep nd significant digits, ties to even on the exact value. */
function roundDecimal(d: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  const exactHalf = next === 5 && nd + 1 === d.digits.length;
  const up = exactHalf ? nd > 0 && (d.digits.charCodeAt(nd - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) {
    const digits = d.digits.slice(0, nd).replace(/0+$/, '');
    return { digits, dp: digits === '' ? 0 : d.dp };
  }
  let i = nd - 1;
  while (i >= 0 && d.digits[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: d.dp + 1 };
  return {
    digits: d.digits.slice(0, i) + String.fromCharCode(d.digits.charCodeAt(i) + 1),
    dp: d.dp,
  };
}

function fmtE(d: Decimal, prec: number, e: string): string {
  let out = d.digits.length > 0 ? d.digits[0]! : '0';
  if (prec > 0) {
    out += '.' + d.digits.slice(1, prec + 1).padEnd(prec, '0');
  }
  let exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${e}${sign}${exp < 10 ? '0' : ''}${exp}`;
}

function fmtF(d: Decimal, prec: number): string {
  let out: string;
  if (d.dp > 0) out = d.digits.slice(0, d.dp).padEnd(d.dp, '0');
  else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      const j = d.dp + i;
      out += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
  }
  return out;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G';

/** strconv.FormatFloat(x, fmt, prec, 64); prec < 0 means the shortest representation. */
export function formatFloat(x: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(abs);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(d.digits.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(d.digits.length - d.dp, 0);
    else prec = d.digits.length;
  } else {
    d = exactDecimal(abs);
    if (fmt === 'f') d = roundDecimal(d, d.dp + prec);
    else if (fmt === 'e' || fmt === 'E') d = roundDecimal(d, prec + 1);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(d, prec);
    }
  }
  let body: string;
  if (fmt === 'e' || fmt === 'E') body = fmtE(d, prec, fmt);
  else if (fmt === 'f') body = fmtF(d, prec);
  else {
    const e = fmt === 'g' ? 'e' : 'E';
    const nd = d.digits.length;
    let eprec = prec;
    if (eprec > nd && nd >= d.dp) eprec = nd;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (exp < -4 || exp >= eprec) {
      body = fmtE(d, Math.min(prec, nd) - 1, e);
    } else {
      if (prec > d.dp) prec = nd;
      body = fmtF(d, Math.max(prec - d.dp, 0));
    }
  }
  return (neg ? '-' : '') + body;
}

// ---------------------------------------------------------------------------------------------
// Quoting

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: graphic characters and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd'; // a lone surrogate is invalid UTF-8
  if (cp < 0x10000) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** strconv.Quote (or QuoteToASCII). */
export function quoteString(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, '"', asciiOnly);
  return out + '"';
}

/** strconv.QuoteRune (or QuoteRuneToASCII). */
export function quoteRune(cp: number, asciiOnly = false): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return `'${escapeRune(cp, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '`' || cp === 0xfeff || (cp < 0x20 && cp !== 9) || cp === 0x7f) return false;
    if (cp >= 0xd800 && cp <= 0xdfff) return false;
  }
  return true;
}

/** strconv.Unquote for template literals: "…" with Go escapes, `raw`, and 'c'. */
export function unquote(lit: string): string {
  const q = lit[0];
  if (q === '`') {
    if (lit.length < 2 || lit[lit.length - 1] !== '`') throw new SyntaxError('invalid syntax');
    return lit.slice(1, -1).replace(/\r/g, '');
  }
  if ((q !== '"' && q !== "'") || lit.length < 2 || lit[lit.length - 1] !== q) {
    throw new SyntaxError('invalid syntax');
  }
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length;) {
    const c = body[i]!;
    if (c === q) throw new SyntaxError('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
    };
    if (e !== undefined && simple[e] !== undefined) out += simple[e];
    else if (e === q) out += q;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const h = body.slice(i, i + n);
      if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) throw new SyntaxError('invalid syntax');
      const cp = parseInt(h, 16);
      if (e !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)))
        throw new SyntaxError('invalid syntax');
      // \xHH is a byte; bytes ≥ 0x80 cannot stand alone in a JS string, map them to Latin-1.
      out += String.fromCodePoint(cp);
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const o = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new SyntaxError('invalid syntax');
      out += String.fromCharCode(parseInt(o, 8));
      i += 2;
    } else throw new SyntaxError('invalid syntax');
  }
  if (q === "'" && [...out].length !== 1) throw new SyntaxError('invalid syntax');
  return out;
}
