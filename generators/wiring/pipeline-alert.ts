// src/pipeline/alert.ts: the TICKscript property (`.foo()`) of every folder with a tick.ts.

import { defineTouchPoint } from './touch-point.js';

export const pipelineAlert = defineTouchPoint({
  file: 'src/pipeline/alert.ts',
  anchor: 'alertHandlerProperties',
  anchorKind: 'const object literal',
  entryNoun: 'TICKscript property',
  requires: 'tick.ts',
  importsFrom: 'tick.ts',
  symbol: (n) => n.tick,
  typeOnlyImport: false,
  value: (n) => n.tick,
});
