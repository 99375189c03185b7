import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeRequest } from './safe-request';

describe('safeRequest', () => {
  let server: Server;
  let base = '';
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      if (req.url === '/to-metadata') {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data' }).end();
      } else if (req.url === '/to-ok') {
        res.writeHead(308, { location: '/ok' }).end();
      } else if (req.url === '/see-other') {
        res.writeHead(302, { location: '/ok' }).end();
      } else {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => res.writeHead(200).end(`got ${body}`));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('should refuse loopback outside dev mode without connecting', async () => {
    const before = hits.length;
    await expect(
      safeRequest(`${base}/ok`, { allowLoopback: false, protocols: ['http:'] }),
    ).rejects.toMatchObject({ code: 'url-not-allowed' });
    expect(hits.length).toBe(before);
  });

  it('should follow a 308 with the same method and body', async () => {
    const res = await safeRequest(`${base}/to-ok`, {
      allowLoopback: true,
      method: 'POST',
      body: 'hello',
    });
    expect(res).toMatchObject({ status: 200, body: 'got hello', redirects: 1 });
  });

  it('should refuse a redirect to a link-local address', async () => {
    const error = await safeRequest(`${base}/to-metadata`, {
      allowLoopback: true,
      method: 'POST',
      body: '{}',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'url-not-allowed' });
    expect((error as Error).message).toContain('linkLocal');
  });

  it('should not turn a POST into a GET on a 302', async () => {
    const res = await safeRequest(`${base}/see-other`, { allowLoopback: true, method: 'POST' });
    expect(res).toMatchObject({ status: 302, redirects: 0 });
  });
});
