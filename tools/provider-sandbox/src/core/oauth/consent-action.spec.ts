import { parseConsentAction } from './consent-action';

describe('parseConsentAction', () => {
  it.each([
    ['approve', { kind: 'approve' }],
    ['deny', { kind: 'deny' }],
    ['drop-scopes:a,b', { kind: 'drop-scopes', scopes: ['a', 'b'] }],
    ['drop-scopes: offline.access , ', { kind: 'drop-scopes', scopes: ['offline.access'] }],
  ])('parses %s', (raw, expected) => {
    expect(parseConsentAction(raw)).toEqual(expected);
  });

  it.each(['', 'APPROVE', 'drop-scopes:', 'drop-scopes', 'allow'])('rejects %j', (raw) => {
    expect(parseConsentAction(raw)).toBeNull();
  });
});
