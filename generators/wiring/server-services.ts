// src/server/server.ts: one service factory per folder with a service.ts, fed its own section.

import { defineTouchPoint } from './touch-point.js';

export const serverServices = defineTouchPoint({
  file: 'src/server/server.ts',
  anchor: 'serviceFactories',
  anchorKind: 'const object literal',
  entryNoun: 'service',
  requires: 'service.ts',
  importsFrom: 'service.ts',
  symbol: (n) => n.service,
  typeOnlyImport: false,
  value: (n) => `(config: Config, deps: ServiceDeps) => new ${n.service}(config.${n.kind}, deps)`,
});
