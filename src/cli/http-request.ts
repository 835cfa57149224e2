// One HTTP request with a buffered answer, through node:http(s). The CLI's verbs use it
// instead of fetch: the first fetch of a process loads undici, which costs a short-lived
// command about 0.1 s, more than the request itself. node:https (with TLS and crypto) is
// loaded only for an https URL, for the same reason.

import http from 'node:http';

export interface BufferedResponse {
  status: number;
  statusText: string;
  /** A response header by lower-case name, null when absent. */
  header(name: string): string | null;
  text: string;
}

export async function httpRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<BufferedResponse> {
  const send = url.protocol === 'https:' ? (await import('node:https')).request : http.request;
  const all =
    body === undefined
      ? headers
      : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: all }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const raw = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          header: (name) => {
            const v = raw[name];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
          },
          text: Buffer.concat(parts).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
