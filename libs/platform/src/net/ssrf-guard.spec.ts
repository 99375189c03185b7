import { checkOutboundUrl, type Resolver } from './ssrf-guard';

const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34'],
  'internal.example.com': ['10.0.0.5'],
  'mixed.example.com': ['93.184.216.34', '192.168.0.10'],
  'metadata.example.com': ['169.254.169.254'],
  'local.example.com': ['127.0.0.1'],
};
const resolve: Resolver = (host) =>
  dns[host]
    ? Promise.resolve(
        dns[host].map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      )
    : Promise.reject(new Error('ENOTFOUND'));

describe('checkOutboundUrl', () => {
  const prod = { allowLoopback: false, resolve };
  const dev = { allowLoopback: true, resolve };

  it('should accept an https URL whose host resolves to public addresses only', async () => {
    await expect(checkOutboundUrl('https://hooks.example.com/in', prod)).resolves.toBeInstanceOf(
      URL,
    );
  });

  it.each([
    ['https://internal.example.com/', 'private'],
    ['https://mixed.example.com/', 'private'],
    ['https://metadata.example.com/latest/meta-data', 'linkLocal'],
    ['https://169.254.169.254/', 'linkLocal'],
    ['https://[fd00::1]/', 'uniqueLocal'],
    ['https://[::ffff:10.0.0.1]/', 'private'],
  ])('should refuse %s after resolving it (%s)', async (url, range) => {
    const error = await checkOutboundUrl(url, dev).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'url-not-allowed' });
    expect((error as Error).message).toContain(range);
  });

  it('should refuse loopback unless in dev mode', async () => {
    await expect(checkOutboundUrl('http://local.example.com:8080/', prod)).rejects.toMatchObject({
      code: 'url-not-allowed',
    });
    await expect(checkOutboundUrl('https://127.0.0.1/', prod)).rejects.toMatchObject({
      code: 'url-not-allowed',
    });
    await expect(checkOutboundUrl('http://local.example.com:8080/', dev)).resolves.toBeInstanceOf(
      URL,
    );
  });

  it.each([
    'http://hooks.example.com/',
    'ftp://hooks.example.com/',
    'file:///etc/passwd',
    'https://user:pw@hooks.example.com/',
    'not a url',
    'https://nowhere.example.com/',
  ])('should refuse %s in production', async (url) => {
    await expect(checkOutboundUrl(url, prod)).rejects.toMatchObject({ code: 'url-not-allowed' });
  });
});
