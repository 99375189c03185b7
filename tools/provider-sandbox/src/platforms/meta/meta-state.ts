import type { SandboxState } from '../../core/sandbox-state';

/** A user token a Meta platform issued: short-lived (from the code) or long-lived. */
export interface MetaUserToken {
  readonly kind: 'short' | 'long';
  readonly grantId: string;
  /** Moved back by `/_sandbox/age`. */
  issuedAt: number;
}

/** A Facebook Page token: the Page's own credential, derived from a user token. */
export interface MetaPageToken {
  readonly grantId: string;
  readonly pageId: string;
  /** Null when taken with a long-lived user token: such Page tokens do not expire. */
  readonly expiresAt: number | null;
}

/**
 * What the Meta platforms track beside the shared grant store: when each user token was issued
 * (the 24-hour refresh rule), Page tokens, and the `/_sandbox/age` shifts per grant. Everything
 * hangs off grant ids, so `/_sandbox/reset` (which drops the grants) leaves nothing usable here.
 */
export class MetaSandboxState {
  readonly userTokens = new Map<string, MetaUserToken>();
  readonly pageTokens = new Map<string, MetaPageToken>();
  /** Page token per `grantId:pageId:kind`, so repeated lookups hand out the same one. */
  readonly pageTokenByKey = new Map<string, string>();
  private readonly ageMs = new Map<string, number>();

  /** How much older than its real age a grant counts (its permission-grant clock). */
  ageOf(grantId: string): number {
    return this.ageMs.get(grantId) ?? 0;
  }

  /** The grant and the tokens issued for it so far count `ms` older; later tokens start fresh. */
  addAge(grantId: string, ms: number): void {
    this.ageMs.set(grantId, this.ageOf(grantId) + ms);
    for (const token of this.userTokens.values()) {
      if (token.grantId === grantId) token.issuedAt -= ms;
    }
  }
}

const states = new WeakMap<SandboxState, MetaSandboxState>();

export function metaStateOf(state: SandboxState): MetaSandboxState {
  let meta = states.get(state);
  if (meta === undefined) {
    meta = new MetaSandboxState();
    states.set(state, meta);
  }
  return meta;
}
