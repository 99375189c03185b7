/** `7d,3d,1d,1h` → seconds, largest first. Units: s, m, h, d. */
export function parseHorizons(text: string): number[] {
  const unit: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
  const horizons = text.split(',').map((part) => {
    const match = /^\s*(\d+)\s*([smhd])\s*$/.exec(part);
    if (!match) throw new Error(`"${part.trim()}" is not a duration like 7d, 3d, 1d or 1h`);
    return Number(match[1]) * unit[match[2]];
  });
  if (horizons.some((h) => h <= 0)) throw new Error('horizons must be longer than 0');
  return [...new Set(horizons)].sort((a, b) => b - a);
}

/**
 * The most urgent horizon already reached: the one to announce now. A credential that shows up
 * with two days left is told "3 days" once, not "7 days" and then "3 days".
 */
export function reachedHorizon(targetAt: Date, now: Date, horizons: number[]): number | null {
  const left = (targetAt.getTime() - now.getTime()) / 1000;
  const reached = horizons.filter((h) => left <= h);
  return reached.length ? Math.min(...reached) : null;
}

/** When the next horizon is reached (the moment to look again), or null when none is left. */
export function nextHorizonAt(targetAt: Date, now: Date, horizons: number[]): Date | null {
  const left = (targetAt.getTime() - now.getTime()) / 1000;
  const upcoming = horizons.filter((h) => h < left);
  return upcoming.length ? new Date(targetAt.getTime() - Math.max(...upcoming) * 1000) : null;
}

/**
 * When a ladder should next be looked at: now when a horizon is reached, else when the next one
 * is; at the target itself when the token lapses there (a credential nobody can refresh); null
 * when nothing is left to announce.
 */
export function ladderCheckAt(
  targetAt: Date,
  now: Date,
  horizons: number[],
  lapses: boolean,
): Date | null {
  if (targetAt <= now) return lapses ? now : null;
  if (reachedHorizon(targetAt, now, horizons) !== null) return now;
  return nextHorizonAt(targetAt, now, horizons) ?? (lapses ? targetAt : null);
}
