import { retryAfterSeconds } from './retry-after';

const now = new Date('2030-01-01T00:00:00Z');
const nowUnix = now.getTime() / 1000;

describe('retryAfterSeconds', () => {
  it.each([
    ['delta seconds', { 'retry-after': '120' }, 120],
    ['an HTTP-date in the future', { 'retry-after': 'Tue, 01 Jan 2030 00:01:30 GMT' }, 90],
    ['an HTTP-date in the past', { 'retry-after': 'Mon, 31 Dec 2029 23:00:00 GMT' }, 0],
    ["X's x-rate-limit-reset (Unix seconds)", { 'x-rate-limit-reset': String(nowUnix + 900) }, 900],
    [
      'Retry-After over x-rate-limit-reset',
      { 'retry-after': '5', 'x-rate-limit-reset': String(nowUnix + 900) },
      5,
    ],
    ['garbage', { 'retry-after': 'soon' }, null],
    ['nothing', {}, null],
  ])('reads %s', (_name, headers: Record<string, string>, expected) => {
    expect(retryAfterSeconds(new Headers(headers), now)).toBe(expected);
  });
});
