/** Where adapters read the time (token expiry, Retry-After dates); tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
