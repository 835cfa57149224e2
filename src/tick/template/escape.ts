// The escapers behind the `html`, `js` and `urlquery` functions (text/template) and the
// html/template text-context escaper applied to every action in HTML mode.

import { isPrint } from './strconv.js';

const textTemplateHTML: Record<string, string> = {
  '"': '&#34;',
  "'": '&#39;',
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\0': '\ufffd',
};

/** text/template's HTMLEscapeString (the `html` function). */
export function htmlEscapeString(s: string): string {
  return /["'&<>\0]/.test(s) ? s.replace(/["'&<>\0]/g, (c) => textTemplateHTML[c]!) : s;
}

const htmlTemplateText: Record<string, string> = { ...textTemplateHTML, '+': '&#43;' };
/** The same by char code (every escaped character is below `?`). */
const htmlTemplateTextByCode: ReadonlyArray<string | undefined> = Array.from(
  { length: 0x3f },
  (_, c) => htmlTemplateText[String.fromCharCode(c)],
);

/**
 * html/template's escaper for the HTML *text* context (`htmlEscaper`). Only the text context is
 * implemented: actions inside attributes, <script>, <style> or URLs get the same escaping
 * rather than Go's context-specific escapers.
 */
export function htmlTextEscape(s: string): string {
  // A scan by char code, the result joined once: details templates (`{{ json . }}`) escape
  // every event's JSON here, and the text is kept.
  let parts: string[] | undefined;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const esc = c < 0x3f ? htmlTemplateTextByCode[c] : undefined;
    if (esc === undefined) continue;
    (parts ??= []).push(s.slice(start, i), esc);
    start = i + 1;
  }
  if (parts === undefined) return s;
  parts.push(s.slice(start));
  return parts.join('');
}

const jsSimple: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
};

/** text/template's JSEscapeString (the `js` function). */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const simple = jsSimple[ch];
    if (simple !== undefined) out += simple;
    else if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || isPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape (the `urlquery` function): space becomes `+`, bytes outside [A-Za-z0-9-_.~] %XX. */
export function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
