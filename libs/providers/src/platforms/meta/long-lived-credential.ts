/**
 * Instagram (Instagram Login) and Threads issue no refresh token: a long-lived access token is
 * refreshed by presenting itself (`ig_refresh_token`, `th_refresh_token`), once it is at least
 * 24 hours old and before it expires. Switchboard keeps refresh credentials in the vault's
 * refresh-token slot, so the adapter stores there the long-lived token together with when it was
 * issued and when it expires — what the refresh rules need and the vault does not hand back.
 *
 * Wire form: `mllt1.<issued-at unix s>.<expires-at unix s or 0>.<token>`. Only this adapter reads
 * it; the access token handed to products is the plain token.
 */
export interface LongLivedCredential {
  token: string;
  issuedAt: Date | null;
  expiresAt: Date | null;
}

const PREFIX = 'mllt1.';
const FORM = /^mllt1\.(\d{1,12})\.(\d{1,12})\.(.+)$/s;

/** Meta's rule: "a long-lived token that is at least 24 hours old but has not expired". */
export const MIN_REFRESH_AGE_SECONDS = 24 * 3600;

export function encodeLongLived(credential: LongLivedCredential): string {
  const issued = credential.issuedAt ? Math.floor(credential.issuedAt.getTime() / 1000) : 0;
  const expires = credential.expiresAt ? Math.floor(credential.expiresAt.getTime() / 1000) : 0;
  return `${PREFIX}${issued}.${expires}.${credential.token}`;
}

/** The stored credential; a bare token (stored some other way) has an unknown age and expiry. */
export function decodeLongLived(stored: string): LongLivedCredential {
  const match = FORM.exec(stored);
  if (!match?.[1] || !match[2] || !match[3]) {
    return { token: stored, issuedAt: null, expiresAt: null };
  }
  return {
    token: match[3],
    issuedAt: fromUnix(match[1]),
    expiresAt: fromUnix(match[2]),
  };
}

/** Seconds until the token may be refreshed; 0 when it may be now; null when its age is unknown. */
export function secondsUntilRefreshable(credential: LongLivedCredential, now: Date): number | null {
  if (credential.issuedAt === null) return null;
  const ageSeconds = (now.getTime() - credential.issuedAt.getTime()) / 1000;
  return Math.max(0, Math.ceil(MIN_REFRESH_AGE_SECONDS - ageSeconds));
}

/**
 * A refresh is documented to make the token valid for its full lifetime again (60 days). When the
 * new lifetime is markedly shorter than the one before, Meta capped the token at the end of a
 * permission grant that refreshing cannot extend (private profiles' 90-day grant): refreshing again
 * would gain nothing, so the connection should be warned about instead. The 10% margin absorbs
 * the few hours Meta's own lifetimes vary by.
 */
export function refreshWasCapped(
  previous: LongLivedCredential,
  newLifetimeSeconds: number | null,
): boolean {
  if (previous.issuedAt === null || previous.expiresAt === null || newLifetimeSeconds === null) {
    return false;
  }
  const previousLifetime = (previous.expiresAt.getTime() - previous.issuedAt.getTime()) / 1000;
  return previousLifetime > 0 && newLifetimeSeconds < previousLifetime * 0.9;
}

function fromUnix(seconds: string): Date | null {
  const value = Number(seconds);
  return value > 0 ? new Date(value * 1000) : null;
}
