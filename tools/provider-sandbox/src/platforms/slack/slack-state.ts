import type { SandboxState } from '../../core/sandbox-state';

export type SlackTokenKind = 'bot' | 'user';

/** One install (a grant): which tokens it has, which were revoked, whether they rotate. */
export interface SlackInstall {
  readonly rotation: boolean;
  readonly kinds: readonly SlackTokenKind[];
  readonly revoked: Set<SlackTokenKind>;
}

/**
 * What Slack tracks beside the shared grant store: per install, its token kinds and which of them
 * `auth.revoke` killed (Slack revokes one token at a time); per refresh token, whose it is. Keys
 * are grant ids and store-issued tokens, so `/_sandbox/reset` leaves nothing usable here.
 */
export class SlackSandboxState {
  readonly installs = new Map<string, SlackInstall>();
  readonly refreshKinds = new Map<string, SlackTokenKind>();
}

const states = new WeakMap<SandboxState, SlackSandboxState>();

export function slackStateOf(state: SandboxState): SlackSandboxState {
  let slack = states.get(state);
  if (slack === undefined) {
    slack = new SlackSandboxState();
    states.set(state, slack);
  }
  return slack;
}

/**
 * Token rotation is an app setting. The sandbox's apps: `sandbox-slack-client` without it (Slack's
 * default: tokens that never expire), and any client id containing `rotating`
 * (`sandbox-slack-rotating-client`) with it: 12-hour tokens and single-use refresh tokens.
 */
export function rotatesTokens(clientId: string | undefined): boolean {
  return clientId !== undefined && clientId.includes('rotating');
}

/** Token strings as Slack shapes them, around the store's opaque tokens. */
export const SLACK_TOKEN = {
  access(kind: SlackTokenKind, inner: string, rotating: boolean): string {
    const prefix = kind === 'bot' ? 'xoxb-' : 'xoxp-';
    return rotating ? `xoxe.${prefix}1-${inner}` : `${prefix}${inner}`;
  },
  refresh(inner: string): string {
    return `xoxe-1-${inner}`;
  },
  /** The store's token and the kind a presented access token claims, or undefined. */
  parseAccess(token: string): { inner: string; kind: SlackTokenKind } | undefined {
    const match = /^(?:xoxe\.)?xox([bp])-(?:1-)?(.+)$/.exec(token);
    if (match?.[1] === undefined || match[2] === undefined) return undefined;
    return { inner: match[2], kind: match[1] === 'b' ? 'bot' : 'user' };
  },
  parseRefresh(token: string): string | undefined {
    return /^xoxe-1-(.+)$/.exec(token)?.[1];
  },
};
