// fastify's own schema compilers (ajv for validation, fast-json-stringify for replies),
// loaded on first use instead of when the app is created: no route of the host declares a
// schema, and loading them costs every start of the host about a fifth of a second.

import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type AnyFactory = (...args: unknown[]) => unknown;

/** The `schemaController.compilersFactory` option: fastify's defaults, loaded lazily. */
export function lazySchemaCompilers(): Factories {
  // resolved from fastify's own folder: they are its dependencies, not ours
  const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
  /** The factory a compiler package's selector makes, made on the first call. */
  const lazy = (pkg: string): AnyFactory => {
    let factory: AnyFactory | undefined;
    return (...args) => {
      factory ??= (fromFastify(pkg) as () => AnyFactory)();
      return factory(...args);
    };
  };
  return {
    buildValidator: lazy('@fastify/ajv-compiler') as Factories['buildValidator'],
    buildSerializer: lazy('@fastify/fast-json-stringify-compiler') as Factories['buildSerializer'],
  };
}
