import {
  decodeLongLived,
  encodeLongLived,
  refreshWasCapped,
  secondsUntilRefreshable,
} from './long-lived-credential';

const issuedAt = new Date('2030-01-01T00:00:00Z');
const expiresAt = new Date('2030-03-02T00:00:00Z');

describe('the long-lived refresh credential', () => {
  it('round-trips the token with its issue and expiry instants', () => {
    const stored = encodeLongLived({ token: 'IGQ.abc.def', issuedAt, expiresAt });
    expect(stored).toBe(
      `mllt1.${issuedAt.getTime() / 1000}.${expiresAt.getTime() / 1000}.IGQ.abc.def`,
    );
    expect(decodeLongLived(stored)).toEqual({ token: 'IGQ.abc.def', issuedAt, expiresAt });
  });

  it('keeps an unknown expiry unknown', () => {
    expect(decodeLongLived(encodeLongLived({ token: 't', issuedAt, expiresAt: null }))).toEqual({
      token: 't',
      issuedAt,
      expiresAt: null,
    });
  });

  it('reads a bare token as a token of unknown age', () => {
    expect(decodeLongLived('THQVJabc')).toEqual({
      token: 'THQVJabc',
      issuedAt: null,
      expiresAt: null,
    });
  });
});

describe('the 24-hour rule', () => {
  const credential = { token: 't', issuedAt, expiresAt };

  it('counts down to 24 hours after issue', () => {
    expect(secondsUntilRefreshable(credential, issuedAt)).toBe(86_400);
    expect(secondsUntilRefreshable(credential, new Date('2030-01-01T23:00:00Z'))).toBe(3600);
    expect(secondsUntilRefreshable(credential, new Date('2030-01-02T00:00:00Z'))).toBe(0);
    expect(secondsUntilRefreshable(credential, new Date('2030-02-01T00:00:00Z'))).toBe(0);
  });

  it('is unknown for a token of unknown age', () => {
    expect(
      secondsUntilRefreshable({ token: 't', issuedAt: null, expiresAt: null }, issuedAt),
    ).toBeNull();
  });
});

describe('a refresh capped by a permission grant', () => {
  const sixtyDays = {
    token: 't',
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 5_183_944_000),
  };

  it('is seen when the new lifetime is markedly shorter', () => {
    expect(refreshWasCapped(sixtyDays, 30 * 86_400)).toBe(true);
  });

  it('is not seen for a full or nearly full lifetime', () => {
    expect(refreshWasCapped(sixtyDays, 5_183_944)).toBe(false);
    // Meta's own lifetimes vary by hours.
    expect(refreshWasCapped(sixtyDays, 5_127_758)).toBe(false);
  });

  it('is not guessed without the previous lifetime or the new one', () => {
    expect(refreshWasCapped({ token: 't', issuedAt: null, expiresAt: null }, 10)).toBe(false);
    expect(refreshWasCapped(sixtyDays, null)).toBe(false);
  });
});
