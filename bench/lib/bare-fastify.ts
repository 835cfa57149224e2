// The api bench's baseline: fastify with one route and nothing else, in its own process.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async (_req, reply) => reply.code(204).send());
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stderr.write(
  `listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
);
