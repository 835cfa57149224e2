// A located description of a JSON syntax error. V8's messages differ between versions and
// can quote the whole body; this scanner finds the first offending character and says
// where it is (line:column, 1-based) and what was expected there.

export function describeJSONError(text: string, maxDepth = 512): string {
  let i = 0;
  const at = (): string => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const column = i - before.lastIndexOf('\n');
    return `line ${line}, column ${column}`;
  };
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'end of input' : `character ${JSON.stringify(text[i])}`;
    throw new Error(`unexpected ${found} at ${at()}, expected ${expected}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`"${word}"`);
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail('a string');
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a closing quote (control characters must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail('4 hex digits after \\u');
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? ''))
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
      }
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  // Sticky: matching at i without copying the rest of the text (linear on long bodies).
  const numberRe = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const number = () => {
    numberRe.lastIndex = i;
    const m = numberRe.exec(text);
    if (!m) fail('a value');
    i += m![0].length;
  };
  let depth = 0;
  const value = (): void => {
    ws();
    const c = text[i];
    if ((c === '{' || c === '[') && ++depth > maxDepth) {
      throw new Error(`nesting deeper than ${maxDepth} levels at ${at()}`);
    }
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        depth--;
        return void i++;
      }
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          depth--;
          return void i++;
        }
        fail('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        depth--;
        return void i++;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          depth--;
          return void i++;
        }
        fail('"," or "]"');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    if (i < text.length) fail('end of input');
  } catch (err) {
    return (err as Error).message;
  }
  return 'invalid JSON';
}

/** JSON.parse with a located error message. */
export function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SyntaxError(describeJSONError(text));
  }
}
