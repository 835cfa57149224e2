// The lazily loaded schema compilers are fastify's own: a route that declares a schema
// validates its body and serializes its reply as with fastify's defaults.

import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from '../../src/server/http/schema-compilers.js';

describe('lazySchemaCompilers', () => {
  it('validates bodies and serializes replies of a route with a schema', async () => {
    const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
    app.post(
      '/thing',
      {
        schema: {
          body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
          response: { 200: { type: 'object', properties: { n: { type: 'integer' } } } },
        },
      },
      async (req) => ({ n: (req.body as { n: number }).n + 1, dropped: true }),
    );
    const bad = await app.inject({ method: 'POST', url: '/thing', payload: { n: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ message: 'body/n must be integer' });
    const ok = await app.inject({ method: 'POST', url: '/thing', payload: { n: 1 } });
    expect(ok.statusCode).toBe(200);
    // the serializer keeps only the declared properties
    expect(ok.body).toBe('{"n":2}');
    await app.close();
  });
});
