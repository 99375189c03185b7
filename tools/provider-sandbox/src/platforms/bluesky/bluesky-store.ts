import { createHash, randomBytes } from 'node:crypto';

import type { SandboxState } from '../../core/sandbox-state';

/** A pushed authorization request (RFC 9126), bound to the DPoP key that pushed it. */
export interface PushedRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly jkt: string;
  readonly expiresAt: number;
}

/** An app-password session (`createSession`), as the reference PDS keeps it. */
export interface AppSession {
  readonly did: string;
  readonly userName: string;
  status: 'active' | 'revoked';
  /** The refresh JWT ids of this session: the newest, and older ones with their grace end. */
  current: string;
  graceUntil: Map<string, number>;
}

export interface BlueskyCounters {
  nonceChallenges: number;
  pushedRequests: number;
  createSession: number;
  refreshSession: number;
  deleteSession: number;
}

const NONCE_LIFETIME_MS = 3 * 60 * 1000;

/** Bluesky's sandbox state beside the shared OAuth state; one per sandbox, cleared by reset. */
export class BlueskyStore {
  readonly pushed = new Map<string, PushedRequest>();
  /** PKCE challenge → the DPoP key thumbprint that pushed it (so the code is bound to that key). */
  readonly challengeJkt = new Map<string, string>();
  /** Grant id → DPoP key thumbprint, fixed at the code exchange. */
  readonly grantJkt = new Map<string, string>();
  readonly seenJti = new Map<string, number>();
  readonly sessions = new Map<string, AppSession>();
  /** createSession calls per identifier in the current window (rate limit). */
  readonly logins = new Map<string, number[]>();
  counters: BlueskyCounters = emptyCounters();
  private nonceValue = newNonce();
  private nonceIssuedAt = 0;

  constructor(private readonly clock: () => number) {
    this.nonceIssuedAt = clock();
  }

  /** The current server nonce; it rotates every 3 minutes (the reference server's max age). */
  nonce(): string {
    if (this.clock() - this.nonceIssuedAt > NONCE_LIFETIME_MS) this.rotateNonce();
    return this.nonceValue;
  }

  rotateNonce(): void {
    this.nonceValue = newNonce();
    this.nonceIssuedAt = this.clock();
  }

  reset(): void {
    this.pushed.clear();
    this.challengeJkt.clear();
    this.grantJkt.clear();
    this.seenJti.clear();
    this.sessions.clear();
    this.logins.clear();
    this.counters = emptyCounters();
    this.rotateNonce();
  }
}

function emptyCounters(): BlueskyCounters {
  return {
    nonceChallenges: 0,
    pushedRequests: 0,
    createSession: 0,
    refreshSession: 0,
    deleteSession: 0,
  };
}

function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

const stores = new WeakMap<SandboxState, BlueskyStore>();

export function blueskyStore(state: SandboxState): BlueskyStore {
  let store = stores.get(state);
  if (store === undefined) {
    const created = new BlueskyStore(state.clock);
    state.onReset(() => created.reset());
    stores.set(state, created);
    store = created;
  }
  return store;
}

export const SANDBOX_HANDLE_SUFFIX = '.bsky.sandbox';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `did:plc:` + 24 base32 characters, stable for a user name. */
export function didFor(userName: string): string {
  const digest = createHash('sha256').update(`bluesky:${userName}`).digest();
  let out = '';
  for (let i = 0; i < 24; i += 1) out += BASE32[digest[i] % 32];
  return `did:plc:${out}`;
}

export function handleFor(userName: string): string {
  return `${userName.toLowerCase()}${SANDBOX_HANDLE_SUFFIX}`;
}

/** `alice.bsky.sandbox` → `alice`; null for any other handle. */
export function userOfHandle(handle: string): string | null {
  const lower = handle.toLowerCase();
  if (!lower.endsWith(SANDBOX_HANDLE_SUFFIX)) return null;
  const name = lower.slice(0, -SANDBOX_HANDLE_SUFFIX.length);
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(name) ? name : null;
}
