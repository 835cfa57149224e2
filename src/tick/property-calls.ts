// Which property methods a TICKscript calls, from its tokens alone (no evaluation, so it works
// for scripts whose handler kinds or InfluxDB clusters are not available): `.slack()` is a
// `.` followed by the identifier and `(`; names in strings and comments do not count.

import { lex } from './lexer.js';
import { TokenType } from './token.js';

/** TICKscript matches a property's first letter in either case (`.Slack()` is `.slack()`). */
const sameProperty = (a: string, b: string): boolean =>
  a.charAt(0).toLowerCase() === b.charAt(0).toLowerCase() && a.slice(1) === b.slice(1);

/** Whether `script` calls `.property(...)` anywhere; false for a script that does not lex. */
export function callsProperty(script: string, property: string): boolean {
  const lexer = lex(script);
  let previous: TokenType | undefined;
  let name: string | undefined;
  for (let t = lexer.nextToken(); ; t = lexer.nextToken()) {
    if (t.type === TokenType.EOF || t.type === TokenType.Error) return false;
    if (t.type === TokenType.LParen && name !== undefined && sameProperty(name, property)) {
      return true;
    }
    name = previous === TokenType.Dot && t.type === TokenType.Ident ? t.val : undefined;
    if (t.type !== TokenType.Comment) previous = t.type;
  }
}
