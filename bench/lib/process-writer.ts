// A line-protocol writer in a child process: POSTs bodies to a host's /write one at a time on
// one keep-alive connection, as Telegraf or any other client does from its own process. Being
// another process, its work (building requests, sending megabytes over loopback) costs the
// measured host nothing, neither wall time on its thread nor CPU time (benches read
// process.cpuUsage()); the host's own work of receiving and reading the bodies is all counted.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ProcessWriter {
  /** Give the child bodies for `run` (read before any run is timed); resolves with their name. */
  load(bodies: readonly string[]): Promise<string>;
  /**
   * POST the first `limit` bodies of `name` to `url` in order, each answered before the next
   * (204 expected), stopping after `budgetMs`; resolves with how many were sent.
   */
  run(name: string, url: string, limit: number, budgetMs: number): Promise<number>;
  close(): Promise<void>;
}

// Plain CommonJS for `node -e`: no loader, no TypeScript. Commands on stdin, one JSON per line;
// answers on stdout, one JSON per line.
const writerSource = `
const http = require('node:http');
const fs = require('node:fs');
const readline = require('node:readline');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const loaded = new Map();
function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length },
    }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => res.statusCode === 204
        ? resolve()
        : reject(new Error('write: ' + res.statusCode + ' ' + Buffer.concat(parts))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function run({ op, file, url, limit, budgetMs }) {
  if (op === 'load') {
    loaded.set(file, fs.readFileSync(file, 'utf8').split('\\0').map((b) => Buffer.from(b)));
    return 0;
  }
  const bodies = loaded.get(file);
  const start = performance.now();
  let sent = 0;
  for (; sent < Math.min(limit, bodies.length); ) {
    await post(url, bodies[sent]);
    sent++;
    if (performance.now() - start > budgetMs) break;
  }
  return sent;
}
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  run(JSON.parse(line)).then(
    (sent) => process.stdout.write(JSON.stringify({ sent }) + '\\n'),
    (err) => process.stdout.write(JSON.stringify({ error: String(err && err.message) }) + '\\n'),
  );
}).on('close', () => process.exit(0));
`;

export function startProcessWriter(): ProcessWriter {
  const dir = mkdtempSync(path.join(tmpdir(), 'condenser-bench-writer-'));
  // stdin stays open: when the bench exits (even by a crash) the writer sees EOF and exits too.
  const child = spawn(process.execPath, ['-e', writerSource], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let files = 0;
  let buffered = '';
  const waiting: Array<{ resolve: (n: number) => void; reject: (e: Error) => void }> = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const answer = JSON.parse(buffered.slice(0, nl)) as { sent?: number; error?: string };
      buffered = buffered.slice(nl + 1);
      const w = waiting.shift();
      if (answer.error !== undefined) w?.reject(new Error(`writer: ${answer.error}`));
      else w?.resolve(answer.sent ?? 0);
    }
  });
  child.once('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`writer exited with code ${code}`));
  });
  const ask = (command: object): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  return {
    async load(bodies) {
      if (bodies.some((b) => b.includes('\0'))) throw new Error('a body holds a NUL byte');
      const file = path.join(dir, `bodies-${++files}`);
      writeFileSync(file, bodies.join('\0'));
      await ask({ op: 'load', file });
      return file;
    },
    run: (name, url, limit, budgetMs) => ask({ op: 'run', file: name, url, limit, budgetMs }),
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
