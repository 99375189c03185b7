export { platformName } from '@switchboard/contracts';

const WITH_REQUIREMENTS = new Set([
  'FACEBOOK',
  'INSTAGRAM',
  'INSTAGRAM_LOGIN',
  'THREADS',
  'LINKEDIN',
  'LINKEDIN_PAGE',
  'TIKTOK',
  'TIKTOK_BUSINESS',
  'YOUTUBE',
  'GOOGLE_BUSINESS',
  'PINTEREST',
  'DISCORD',
  'SLACK',
]);

/** The translation key of what a platform asks of the person, shown before they leave. */
export function requirementKey(type: string): string {
  return WITH_REQUIREMENTS.has(type) ? `requirement.${type}` : 'requirement.generic';
}
