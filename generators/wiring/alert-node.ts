// src/task/alert-node.ts: the handler kind behind each TICKscript property, so it applies to
// folders with a tick.ts but imports their handler.ts.

import { defineTouchPoint } from './touch-point.js';

export const alertNode = defineTouchPoint({
  file: 'src/task/alert-node.ts',
  anchor: 'alertNodeHandlers',
  anchorKind: 'const object literal',
  entryNoun: 'alert node handler',
  requires: 'tick.ts',
  importsFrom: 'handler.ts',
  symbol: (n) => n.handler,
  typeOnlyImport: false,
  value: (n) => n.handler,
});
