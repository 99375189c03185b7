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

export function platformName(type: string): string {
  return NAMES[type] ?? type.replace(/^CUSTOM_OAUTH2:/, '');
}
