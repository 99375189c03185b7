import { judgeAddress } from './address-policy';

const strict = { allowLoopback: false };
const dev = { allowLoopback: true };

describe('judgeAddress', () => {
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])(
    'should allow the public address %s',
    (ip) => {
      expect(judgeAddress(ip, strict)).toEqual({ allowed: true });
    },
  );

  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::', 'unspecified'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['2002:a9fe:a9fe::1', 'linkLocal'],
  ])('should always refuse %s (%s), even in dev mode', (ip, range) => {
    expect(judgeAddress(ip, strict)).toEqual({ allowed: false, range });
    expect(judgeAddress(ip, dev)).toEqual({ allowed: false, range });
  });

  it('should allow loopback only when the policy says so (dev mode)', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(judgeAddress(ip, strict)).toEqual({ allowed: false, range: 'loopback' });
      expect(judgeAddress(ip, dev)).toEqual({ allowed: true });
    }
  });

  it('should refuse what is not an IP address', () => {
    expect(judgeAddress('example.com', dev)).toEqual({ allowed: false, range: 'invalid' });
  });
});
