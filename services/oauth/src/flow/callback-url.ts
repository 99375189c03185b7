import { callbackParamPrefix, type PlatformType } from '@switchboard/contracts';

/** Where a platform sends the user back: exact, one per platform type. */
export function callbackUri(publicUrl: string, type: PlatformType): string {
  return `${publicUrl.replace(/\/$/, '')}/api/v1/social-account/callback/${callbackParamPrefix(type)}`;
}

/** The product's redirectUrl with the one parameter that says what happened. */
export function outcomeUrl(redirectUrl: string, params: Record<string, string>): string {
  const url = new URL(redirectUrl);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
