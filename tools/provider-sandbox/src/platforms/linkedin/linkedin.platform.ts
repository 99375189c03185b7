import type { PlatformDefinition } from '../../core/platform';
import { linkedinOAuth } from './linkedin-oauth';

/**
 * LINKEDIN — a member profile (Sign In with LinkedIn using OpenID Connect). Programmatic refresh
 * is for approved Marketing Developer Platform partners, which a member-profile app usually is
 * not: no refresh token, the 60-day token runs out and the connection lives on expiry warnings.
 */
export const linkedinPlatform: PlatformDefinition = linkedinOAuth('LINKEDIN', 'LinkedIn', {
  issue: 'never',
  rotation: 'reuse',
  expiry: 'fixed',
});
