import { parseOutcome, productParams, withParams } from './outcome';

describe('parseOutcome', () => {
  const id = '0b7b0a8e-2f4e-4b53-9a55-0d2a0e9e8c11';
  it.each([
    [{ 'facebook-callback': 'success' }, { kind: 'success' }],
    [{ 'facebook-select-channel': id }, { kind: 'select', selectionId: id }],
    [{ 'facebook-denied': '' }, { kind: 'denied' }],
    [{ 'facebook-invalid-state': '' }, { kind: 'invalid-state' }],
    [{ 'facebook-limit-reached': '' }, { kind: 'limit-reached' }],
    [
      { 'facebook-not-enough-permissions': '', missing: 'pages_show_list,<b>' },
      { kind: 'permissions', missing: ['pages_show_list'] },
    ],
    [
      { 'facebook-not-enough-pages': '' },
      { kind: 'no-channels', param: 'facebook-not-enough-pages' },
    ],
    [
      { 'facebook-callback': 'error', code: 'exchange-failed', message: 'no' },
      { kind: 'error', code: 'exchange-failed', message: 'no' },
    ],
    [
      { 'facebook-callback': 'error', code: '<script>' },
      { kind: 'error', code: 'unknown', message: '' },
    ],
    [{ 'facebook-select-channel': 'not-a-uuid' }, { kind: 'error', code: 'unknown', message: '' }],
  ])('%j → %j', (query, outcome) => {
    expect(parseOutcome('FACEBOOK', query)).toEqual(outcome);
  });

  it('should use the documented prefix of two-word types', () => {
    expect(parseOutcome('LINKEDIN_PAGE', { 'linkedin-page-callback': 'success' })).toEqual({
      kind: 'success',
    });
  });
});

describe('productParams', () => {
  it('should give back the documented parameter, on the validated redirectUrl', () => {
    expect(
      withParams(
        'https://app.example.com/done?x=1',
        productParams('GOOGLE_BUSINESS', { kind: 'select', selectionId: 'x' }),
      ),
    ).toBe('https://app.example.com/done?x=1&google-business-callback=success');
  });
});
