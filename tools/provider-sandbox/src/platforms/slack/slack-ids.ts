import type { SandboxUser } from '../../core/state/users';
import { shortNumericId } from '../support/ids';

/**
 * Where a user installs the app: their first workspace, or — for `empty-…` users, who have none —
 * an org-wide (Enterprise Grid) install that no workspace has been granted to yet.
 */
export interface SlackInstallPlace {
  readonly team: { readonly id: string; readonly name: string; readonly domain: string } | null;
  readonly enterprise: { readonly id: string; readonly name: string } | null;
}

export function installPlace(user: SandboxUser): SlackInstallPlace {
  const workspace = user.entities.slackWorkspaces[0];
  if (workspace !== undefined) {
    const domain = user.username.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    return { team: { ...workspace, domain }, enterprise: null };
  }
  return {
    team: null,
    enterprise: {
      id: `E${shortNumericId(user.name, 'slack-enterprise')}`,
      name: `${user.displayName} Org`,
    },
  };
}

export function slackUserId(user: SandboxUser): string {
  return `U${shortNumericId(user.name, 'slack-user')}`;
}

/** The app's bot user in a workspace (one per app and workspace). */
export function slackBotUserId(place: SlackInstallPlace, clientId: string): string {
  return `U${shortNumericId(place.team?.id ?? place.enterprise?.id ?? '', clientId, 'slack-bot')}`;
}

export function slackAppId(clientId: string): string {
  return `A${shortNumericId(clientId, 'slack-app')}`;
}
