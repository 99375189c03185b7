export interface BannerInfo {
  /** Public gateway URL (PUBLIC_URL). */
  gatewayUrl: string;
  sandboxUrl: string;
  adminApiKey: string;
  adminApiKeySource: string;
  /** The demo team's id, or why there is none. */
  demoTeam: { id: string } | { error: string };
  postgres: string;
  nats: string;
  smtp: string;
}

/**
 * The "it's running" block: horizontal rules only, no side borders, so every line (the curl
 * command above all) can be copied straight out of the terminal.
 */
export function renderBanner(info: BannerInfo): string {
  const teamId = 'id' in info.demoTeam ? info.demoTeam.id : '<teamId>';
  const rows: [string, string][] = [
    ['Gateway', info.gatewayUrl],
    ['Sandbox', info.sandboxUrl],
    ['Mailbox', `${info.sandboxUrl}/_sandbox/mail`],
    ['Demo team', 'id' in info.demoTeam ? info.demoTeam.id : `not created: ${info.demoTeam.error}`],
    ['Admin API key', `${info.adminApiKey}  (${info.adminApiKeySource})`],
    ['PostgreSQL', info.postgres],
    ['NATS', info.nats],
    ['Mail', info.smtp],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length)) + 2;
  const body = [
    'Switchboard is running (dev mode)',
    '',
    ...rows.map(([label, value]) => `${label.padEnd(labelWidth)}${value}`),
    '',
    'Connect a sandbox X account (then open the "url" it returns in a browser):',
    ...connectCurl(info.gatewayUrl, info.adminApiKey, teamId),
    '',
    'Ctrl-C stops everything.',
  ].map((line) => (line ? `  ${line}` : ''));
  const width = Math.min(100, Math.max(...body.map((line) => line.length)) + 2);
  const rule = '═'.repeat(width);
  return `\n${rule}\n${body.join('\n')}\n${rule}\n`;
}

export function connectCurl(gatewayUrl: string, apiKey: string, teamId: string): string[] {
  const payload = JSON.stringify({
    teamId,
    type: 'TWITTER',
    redirectUrl: 'http://localhost:3000/',
  });
  return [
    `curl -s -X POST ${gatewayUrl}/api/v1/social-account/connect \\`,
    `  -H ${shellQuote(`x-api-key: ${apiKey}`)} -H 'content-type: application/json' \\`,
    `  -d ${shellQuote(payload)}`,
  ];
}

/** Single-quotes a value for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
