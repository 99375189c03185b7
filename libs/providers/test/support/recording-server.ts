import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived on the wire. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body's form fields in wire order (empty when the body is not a form). */
  form: [string, string][];
}

export interface ScriptedResponse {
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  /** Answers `METHOD /path` (no query) with the response; unknown routes get 404. */
  reply(route: string, response: ScriptedResponse): void;
  close(): Promise<void>;
}

/** A tiny local HTTP server that records every request and answers from a script. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, ScriptedResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const isForm = (req.headers['content-type'] ?? '').startsWith(
        'application/x-www-form-urlencoded',
      );
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        rawBody,
        form: isForm ? [...new URLSearchParams(rawBody)] : [],
      });
      const scripted: ScriptedResponse = routes.get(`${req.method} ${url.pathname}`) ?? {
        status: 404,
        body: { error: 'not_found' },
      };
      const body =
        typeof scripted.body === 'string' || scripted.body === undefined
          ? (scripted.body ?? '')
          : JSON.stringify(scripted.body);
      const headers = {
        ...(typeof scripted.body === 'object' ? { 'content-type': 'application/json' } : {}),
        ...scripted.headers,
      };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(scripted.status, headers);
        res.end(body);
      }, scripted.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (route, response) => routes.set(route, response),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
