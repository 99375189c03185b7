const NAMES: Record<string, string> = {
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  INSTAGRAM_LOGIN: 'Instagram',
  TWITTER: 'X',
  LINKEDIN: 'LinkedIn',
  LINKEDIN_PAGE: 'LinkedIn Page',
  THREADS: 'Threads',
  TIKTOK: 'TikTok',
  TIKTOK_BUSINESS: 'TikTok Business',
  YOUTUBE: 'YouTube',
  PINTEREST: 'Pinterest',
  REDDIT: 'Reddit',
  DISCORD: 'Discord',
  SLACK: 'Slack',
  MASTODON: 'Mastodon',
  BLUESKY: 'Bluesky',
  GOOGLE_BUSINESS: 'Google Business Profile',
  TELEGRAM: 'Telegram',
  FANVUE: 'Fanvue',
};

/** The name people know a platform by (a custom provider by its key). */
export function platformName(type: string): string {
  return NAMES[type] ?? type.replace(/^CUSTOM_OAUTH2:/, '');
}

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
