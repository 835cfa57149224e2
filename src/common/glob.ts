// Go's path.Match, which Kapacitor uses for `?pattern=` filters: `*` (any run of non-`/`),
// `?`, `[...]` / `[^...]` classes with ranges, `\` escapes. A malformed pattern is an error.

export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern: "${pattern}"`);
    this.name = 'BadPatternError';
  }
}

/** Compile a Go path.Match pattern to a RegExp; throws BadPatternError. */
export function compileGlob(pattern: string): RegExp {
  let re = '^';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      const next = chars[++i];
      if (next === undefined) throw new BadPatternError(pattern);
      re += escapeRe(next);
    } else if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (chars[j] === '^') {
        cls += '^';
        j++;
      }
      let items = 0;
      for (; j < chars.length && !(chars[j] === ']' && items > 0); j++) {
        let ch = chars[j]!;
        if (ch === '\\') {
          ch = chars[++j] ?? '';
          if (ch === '') throw new BadPatternError(pattern);
        }
        if (ch === '-' && items === 0) throw new BadPatternError(pattern);
        cls += ch === ']' || ch === '\\' || ch === '^' || ch === '[' ? `\\${ch}` : ch;
        items++;
      }
      if (j >= chars.length || items === 0) throw new BadPatternError(pattern);
      re += cls + ']';
      i = j;
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$', 'u');
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** A matcher for an optional pattern; an empty pattern matches everything. */
export function globMatcher(pattern: string | undefined): (s: string) => boolean {
  if (pattern === undefined || pattern === '') return () => true;
  const re = compileGlob(pattern);
  return (s) => re.test(s);
}
