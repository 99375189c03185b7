import type { Resolver } from '@switchboard/platform';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkInstanceUrl } from './instance-url';

const dns: Record<string, string[]> = {
  'mastodon.example': ['93.184.216.34'],
  'internal.example': ['10.1.2.3'],
  'metadata.example': ['169.254.169.254'],
  'cgnat.example': ['100.64.1.1'],
  'ula.example': ['fd00::5'],
  'split.example': ['93.184.216.34', '192.168.0.7'],
  'loop.example': ['127.0.0.1'],
};
const resolve: Resolver = (host) =>
  dns[host]
    ? Promise.resolve(
        dns[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      )
    : Promise.reject(new Error('ENOTFOUND'));

describe('checkInstanceUrl', () => {
  const prod = { allowLoopback: false, resolve };
  const dev = { allowLoopback: true, resolve };
  let server: Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('normalises a public instance to its base URL', async () => {
    await expect(checkInstanceUrl('mastodon.example', prod)).resolves.toBe(
      'https://mastodon.example',
    );
    await expect(checkInstanceUrl('https://mastodon.example/', prod)).resolves.toBe(
      'https://mastodon.example',
    );
  });

  it.each([
    'internal.example',
    'metadata.example',
    'cgnat.example',
    'ula.example',
    'split.example',
  ])('refuses %s, whose name resolves to a refused address', async (host) => {
    await expect(checkInstanceUrl(`https://${host}`, dev)).rejects.toMatchObject({
      code: 'url-not-allowed',
    });
  });

  it('refuses loopback and plain http outside dev mode, without sending anything', async () => {
    for (const url of [
      `http://127.0.0.1:${port}`,
      `https://127.0.0.1:${port}`,
      `http://loop.example:${port}`,
      `https://[::1]:${port}`,
      'http://mastodon.example',
    ]) {
      await expect(checkInstanceUrl(url, prod)).rejects.toMatchObject({ code: 'url-not-allowed' });
    }
    expect(hits).toEqual([]);
    await expect(checkInstanceUrl(`http://127.0.0.1:${port}/mastodon`, dev)).resolves.toBe(
      `http://127.0.0.1:${port}/mastodon`,
    );
  });

  it('refuses a query or fragment', async () => {
    await expect(checkInstanceUrl('https://mastodon.example/?x=1', prod)).rejects.toMatchObject({
      code: 'url-not-allowed',
    });
  });
});
