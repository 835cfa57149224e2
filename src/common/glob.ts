// Go's path.Match, which Kapacitor uses for `?pattern=` filters: `*` (any run of non-`/`),
// `?`, `[...]` / `[^...]` classes with ranges, `\` escapes. A malformed pattern is an error.
//
// A port of Go's algorithm rather than a RegExp: the pattern is split into chunks (a star and
// the literal run after it) and each chunk is matched at the leftmost place it fits, never
// revisited. That is O(pattern × name) for any input, where a backtracking RegExp for
// `*a*a*a*a*ab` blocks the event loop for seconds on a 200-character topic id.

export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern: "${pattern}"`);
    this.name = 'BadPatternError';
  }
}

type Item =
  | { type: 'char'; cp: number }
  | { type: 'any' }
  | { type: 'class'; negated: boolean; ranges: Array<[number, number]> };

interface Chunk {
  /** the chunk follows one or more `*` */
  star: boolean;
  items: Item[];
}

const SLASH = 0x2f;
const cp = (c: string): number => c.codePointAt(0)!;

/** scanChunk + the syntax half of matchChunk/getEsc from Go's path package. */
function compile(pattern: string): Chunk[] {
  const p = [...pattern];
  const bad = (): never => {
    throw new BadPatternError(pattern);
  };
  const chunks: Chunk[] = [];
  let i = 0;
  // getEsc: one class character, `\`-escaped or not; `-` and `]` must be escaped here.
  const classChar = (): number => {
    let c = p[i];
    if (c === undefined || c === '-' || c === ']') bad();
    if (c === '\\') {
      c = p[++i];
      if (c === undefined) bad();
    }
    i++;
    if (i >= p.length) bad(); // a class must be closed
    return cp(c!);
  };
  while (i < p.length) {
    let star = false;
    while (p[i] === '*') {
      star = true;
      i++;
    }
    const items: Item[] = [];
    while (i < p.length && p[i] !== '*') {
      const c = p[i]!;
      if (c === '?') {
        items.push({ type: 'any' });
        i++;
      } else if (c === '\\') {
        if (i + 1 >= p.length) bad();
        items.push({ type: 'char', cp: cp(p[i + 1]!) });
        i += 2;
      } else if (c === '[') {
        i++;
        const negated = p[i] === '^';
        if (negated) i++;
        const ranges: Array<[number, number]> = [];
        for (;;) {
          if (p[i] === ']' && ranges.length > 0) {
            i++;
            break;
          }
          const lo = classChar();
          let hi = lo;
          if (p[i] === '-') {
            i++;
            hi = classChar();
          }
          ranges.push([lo, hi]);
        }
        items.push({ type: 'class', negated, ranges });
      } else {
        items.push({ type: 'char', cp: cp(c) });
        i++;
      }
    }
    chunks.push({ star, items });
  }
  return chunks;
}

/** matchChunk: the name position after `items` matched at `at`, or -1. */
function matchChunk(items: readonly Item[], name: readonly number[], at: number): number {
  let s = at;
  for (const item of items) {
    if (s >= name.length) return -1;
    const c = name[s]!;
    switch (item.type) {
      case 'char':
        if (c !== item.cp) return -1;
        break;
      case 'any':
        if (c === SLASH) return -1;
        break;
      case 'class': {
        const inside = item.ranges.some(([lo, hi]) => lo <= c && c <= hi);
        if (inside === item.negated) return -1;
        break;
      }
    }
    s++;
  }
  return s;
}

/** Go's Match over compiled chunks; linear in the name for each chunk. */
function matches(chunks: readonly Chunk[], name: readonly number[]): boolean {
  let at = 0;
  for (let k = 0; k < chunks.length; k++) {
    const { star, items } = chunks[k]!;
    const last = k === chunks.length - 1;
    if (star && items.length === 0) {
      // A trailing * matches the rest unless it has a /.
      return name.indexOf(SLASH, at) < 0;
    }
    let t = matchChunk(items, name, at);
    if (t >= 0 && (t === name.length || !last)) {
      at = t;
      continue;
    }
    if (!star) return false;
    let found = false;
    // Skip one more character each time; a star cannot skip a `/`.
    for (let i = at; i < name.length && name[i] !== SLASH; i++) {
      t = matchChunk(items, name, i + 1);
      if (t < 0 || (last && t < name.length)) continue;
      at = t;
      found = true;
      break;
    }
    if (!found) return false;
  }
  return at === name.length;
}

/** Check a pattern's syntax; throws BadPatternError. */
export function checkGlob(pattern: string): void {
  compile(pattern);
}

/** A matcher for an optional pattern; an empty pattern matches everything. */
export function globMatcher(pattern: string | undefined): (s: string) => boolean {
  if (pattern === undefined || pattern === '') return () => true;
  const chunks = compile(pattern);
  return (s) => matches(chunks, Array.from(s, cp));
}
