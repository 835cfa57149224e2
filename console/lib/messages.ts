// Reading the host's error messages: which form field a message is about (so the console can
// show it next to that field), and where in a TICKscript an error is (line and column).

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The field a message names, among `names`: `option "url"` (handler and service-test options),
 * `httppost[example].url: ...` or `slack.url: ...` (config key paths), `field "match"`.
 * `extra` adds patterns for fields the messages name in words (`handler ID` → `id`).
 */
export function fieldOfMessage(
  message: string,
  names: readonly string[],
  extra: Readonly<Record<string, RegExp>> = {},
): string | undefined {
  // Longest first: `alert-template-file` before `alert-template`.
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const n = escape(name);
    const patterns = [
      new RegExp(`\\boption "${n}"`),
      new RegExp(`[\\]\\w-]\\.${n}(?=[:.[]|$)`),
      new RegExp(`\\bfield "${n}(?:"|\\.)`),
    ];
    if (patterns.some((p) => p.test(message))) return name;
  }
  for (const [name, pattern] of Object.entries(extra)) if (pattern.test(message)) return name;
  return undefined;
}

export interface ScriptPosition {
  line: number;
  column: number;
}

/** `line 5 char 25` as Kapacitor reports TICKscript errors. */
export function scriptPosition(message: string): ScriptPosition | undefined {
  const m = /\bline (\d+) char (\d+)\b/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

/** The offset of a line and column (both 1-based) in a text, clamped to the text. */
export function offsetOf(text: string, pos: ScriptPosition): number {
  let offset = 0;
  for (let line = 1; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(pos.column - 1, 0), lineEnd);
}
