import { uniqueNamespace } from './unique-namespace';

describe('uniqueNamespace', () => {
  it('is the prefix plus 8 hex characters', () => {
    expect(uniqueNamespace()).toMatch(/^t[0-9a-f]{8}$/);
    expect(uniqueNamespace('Vault-Test')).toMatch(/^vaulttest[0-9a-f]{8}$/);
    expect(uniqueNamespace('---')).toMatch(/^t[0-9a-f]{8}$/);
  });

  it('does not repeat', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueNamespace()));
    expect(names.size).toBe(200);
  });
});
