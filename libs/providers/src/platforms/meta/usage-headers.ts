import type { ResponseHeaders } from '../../http';
const ONE_HOUR_SECONDS = 3600;
const MIN_WAIT_SECONDS = 60;
const MAX_HEADER_CHARS = 8192;

/**
 * How long to wait before calling Meta again after a throttling error, from its usage headers:
 * - `X-Business-Use-Case-Usage` (Pages with a Page token, Instagram, Threads): JSON keyed by
 *   business object id, each entry `{type, call_count, total_cputime, total_time,
 *   estimated_time_to_regain_access}` — the estimate is in minutes; the longest one wins;
 * - `X-App-Usage` (Platform limits, user and app tokens): `{call_count, total_cputime,
 *   total_time}` as percentages of a rolling one-hour window, with no time. Assuming calls were
 *   spread evenly over the hour, usage `p` ≥ 100 drops under 100 after `1 − 100/p` of the hour.
 *
 * Null when neither header says anything usable.
 */
export function usageRetryAfterSeconds(headers: ResponseHeaders): number | null {
  const buc = businessUseCaseMinutes(headers.get('x-business-use-case-usage'));
  if (buc !== null) return Math.max(MIN_WAIT_SECONDS, buc * 60);
  const usage = maxPercent(headers.get('x-app-usage'));
  if (usage === null || usage < 100) return null;
  return Math.max(MIN_WAIT_SECONDS, Math.ceil((ONE_HOUR_SECONDS * (usage - 100)) / usage));
}

function businessUseCaseMinutes(header: string | null): number | null {
  const parsed = parseJsonHeader(header);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  let longest: number | null = null;
  for (const entries of Object.values(parsed as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as unknown[]) {
      const minutes = numberIn(entry, 'estimated_time_to_regain_access');
      if (minutes !== null && minutes > 0) longest = Math.max(longest ?? 0, minutes);
    }
  }
  return longest;
}

function maxPercent(header: string | null): number | null {
  const parsed = parseJsonHeader(header);
  const values = ['call_count', 'total_cputime', 'total_time']
    .map((key) => numberIn(parsed, key))
    .filter((value): value is number => value !== null);
  return values.length === 0 ? null : Math.max(...values);
}

function parseJsonHeader(header: string | null): unknown {
  if (!header || header.length > MAX_HEADER_CHARS) return null;
  try {
    return JSON.parse(header) as unknown;
  } catch {
    return null;
  }
}

function numberIn(value: unknown, key: string): number | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' && Number.isFinite(field) && field >= 0 ? field : null;
}
