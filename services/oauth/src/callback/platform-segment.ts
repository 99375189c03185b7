import { callbackParamPrefix, PLATFORM_TYPES, type PlatformType } from '@switchboard/contracts';

const bySegment = new Map<string, PlatformType>(
  PLATFORM_TYPES.map((t) => [callbackParamPrefix(t), t]),
);

/** `google-business` → `GOOGLE_BUSINESS`; `custom-acme` → `CUSTOM_OAUTH2:acme`; else null. */
export function typeFromSegment(segment: string): PlatformType | null {
  const builtIn = bySegment.get(segment);
  if (builtIn) return builtIn;
  const custom = /^custom-([a-z0-9][a-z0-9-]{0,39})$/.exec(segment);
  return custom ? (`CUSTOM_OAUTH2:${custom[1]}` as PlatformType) : null;
}
