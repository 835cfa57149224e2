// An HTTP sink on 127.0.0.1 that answers 200 at once, like lib/loopback.ts's startHTTPSink, but
// running in a worker thread: receiving and answering requests then costs the main thread
// (where the host under measurement runs) nothing. Requests are counted in shared memory, so
// count() is exact without a message round trip.

import { Worker } from 'node:worker_threads';
import type { HTTPSink } from './loopback.js';

// Plain CommonJS for an eval'd worker: no loader, no TypeScript.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const counter = new Int32Array(workerData.shared);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    Atomics.add(counter, 0, 1);
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

export async function startWorkerHTTPSink(): Promise<HTTPSink> {
  const shared = new SharedArrayBuffer(4);
  const counter = new Int32Array(shared);
  const worker = new Worker(workerSource, { eval: true, workerData: { shared } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (p: number) => resolve(p));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`sink worker exited with code ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/alert`,
    count: () => Atomics.load(counter, 0),
    close: async () => {
      await worker.terminate();
    },
  };
}
