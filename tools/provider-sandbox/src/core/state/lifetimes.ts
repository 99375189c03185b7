export interface TokenLifetimes {
  readonly accessSeconds: number;
  /** `null`: refresh tokens never expire. */
  readonly refreshSeconds: number | null;
}

/** Overrides set through `POST /_sandbox/ttl`; they apply to tokens issued afterwards. */
export class LifetimeOverrides {
  private readonly overrides = new Map<string, TokenLifetimes>();

  resolve(type: string, defaults: TokenLifetimes): TokenLifetimes {
    return this.overrides.get(type) ?? defaults;
  }

  set(
    type: string,
    defaults: TokenLifetimes,
    accessSeconds: number,
    refreshSeconds: number | null | undefined,
  ): TokenLifetimes {
    const current = this.resolve(type, defaults);
    const next: TokenLifetimes = {
      accessSeconds,
      refreshSeconds: refreshSeconds === undefined ? current.refreshSeconds : refreshSeconds,
    };
    this.overrides.set(type, next);
    return next;
  }

  reset(): void {
    this.overrides.clear();
  }
}
