// An HTTP sink on 127.0.0.1 in a child process: POSTs are answered 200 at once and counted;
// `GET /count` answers the count. Being another process, its work costs the measured process
// nothing, neither wall time on its thread nor CPU time (benches read process.cpuUsage()).

import { spawn } from 'node:child_process';
import http from 'node:http';

export interface ProcessSink {
  url: string;
  /** Requests fully received so far (asks the sink). */
  count(): Promise<number>;
  close(): Promise<void>;
}

// Plain CommonJS for `node -e`: no loader, no TypeScript.
const sinkSource = `
const http = require('node:http');
let received = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/count') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(String(received));
      return;
    }
    received++;
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

export async function startProcessHTTPSink(): Promise<ProcessSink> {
  // stdin stays open: when the bench exits (even by a crash) the sink sees EOF and exits too.
  const child = spawn(process.execPath, ['-e', sinkSource], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(Number(line[1]));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sink process exited with code ${code}`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/alert`,
    count: () =>
      new Promise<number>((resolve, reject) => {
        http
          .get(`${base}/count`, { agent }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => resolve(Number(text)));
          })
          .on('error', reject);
      }),
    close: async () => {
      agent.destroy();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
    },
  };
}
