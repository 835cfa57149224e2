// Where the scaffolder's own repository is (its templates, its default root), and which build
// of it is running. From the sources (tsx, tests) the repository is the folder above this
// file; in the bundle that `npm run <script>` runs (generators/bundle.js), esbuild defines
// `import.meta.dirname` as the generators folder, so the same code finds the same place.

import path from 'node:path';

export const generatorsDir = import.meta.dirname;
/** The repository this generators/ folder belongs to. */
export const repoRoot = path.resolve(generatorsDir, '..');

/** Given by the bundle's wrapper (generators/bundle.js); not defined when run from sources. */
declare const __scaffoldBuild: string | undefined;

/** The running bundle's hash (its code and what it loads), or undefined from the sources. */
export const buildIdentity: string | undefined =
  typeof __scaffoldBuild === 'string' ? __scaffoldBuild : undefined;
