// src/alert/service.ts: every handler kind (API and handler files), one per folder.

import { defineTouchPoint } from './touch-point.js';

export const alertService = defineTouchPoint({
  file: 'src/alert/service.ts',
  anchor: 'handlerKinds',
  anchorKind: 'const object literal',
  entryNoun: 'handler kind',
  requires: 'handler.ts',
  importsFrom: 'handler.ts',
  symbol: (n) => n.handler,
  typeOnlyImport: false,
  value: (n) => n.handler,
});
