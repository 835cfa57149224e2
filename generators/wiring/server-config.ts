// src/server/config.ts: the config section of every folder with a config.ts.

import { defineTouchPoint } from './touch-point.js';

export const serverConfig = defineTouchPoint({
  file: 'src/server/config.ts',
  anchor: 'handlerSections',
  anchorKind: 'const object literal',
  entryNoun: 'config section',
  requires: 'config.ts',
  importsFrom: 'config.ts',
  symbol: (n) => n.config,
  typeOnlyImport: false,
  value: (n) => n.config,
});
