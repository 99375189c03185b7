/** English: the reference every other locale must match key for key (the type enforces it). */
export const en = {
  common: {
    language: 'Language',
    change_language: 'Change',
    back: 'Back',
    powered_by: 'Powered by Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Profile picture',
    try_again: 'Try again',
    back_to_platforms: 'Back to the platforms',
    error_code: 'Error code: {{code}}',
    link_expired_title: 'This link has expired',
    link_expired_body:
      'Links to this page work for a limited time. Go back to the app that sent you here and open the page again.',
    link_invalid_title: 'This link does not work',
    link_invalid_body:
      'The link is incomplete or was changed. Go back to the app that sent you here and open the page again.',
    refused_title: 'This action was refused',
    refused_body:
      'The page was open for too long or came from another site. Reload it and try again.',
  },
  portal: {
    title: 'Connect your accounts',
    intro: 'Choose a platform. You will sign in there, approve access, and come back here.',
    platforms: 'Platforms',
    connect: 'Connect {{platform}}',
    before: 'Before you start',
    remaining: 'Accounts you can still connect with this link: {{count}}',
    none_left: 'This link has already connected as many accounts as it allows.',
  },
  requirement: {
    FACEBOOK:
      'Facebook connects Pages, not personal profiles. You need a Page on which you have full control or the task of creating content.',
    INSTAGRAM:
      'Needs an Instagram Professional account (Business or Creator) linked to a Facebook Page you manage. You sign in with Facebook.',
    INSTAGRAM_LOGIN:
      'Needs an Instagram Professional account (Business or Creator). Personal accounts cannot be connected; switch the account type in the Instagram app first.',
    THREADS: 'Sign in with the Instagram account that your Threads profile uses.',
    LINKEDIN: 'Connects your personal LinkedIn profile.',
    LINKEDIN_PAGE:
      'Connects a LinkedIn Page. You must be an administrator of the organization on LinkedIn.',
    TIKTOK: 'Connects a regular TikTok account. TikTok Business accounts are connected separately.',
    TIKTOK_BUSINESS:
      'Needs a TikTok Business account. It is separate from a regular TikTok account and connected on its own.',
    YOUTUBE: 'Needs a YouTube channel on the Google account you sign in with.',
    GOOGLE_BUSINESS: 'Needs a verified Google Business Profile location that you own or manage.',
    PINTEREST:
      'Needs a Pinterest Business account with at least one board. Convert a personal account in Pinterest settings first.',
    DISCORD: 'You must be allowed to manage the Discord server you add the app to.',
    SLACK: 'You must be allowed to install apps in the Slack workspace.',
    generic: 'You will sign in to {{platform}} and approve access.',
  },
  outcome: {
    success_title: '{{platform}} account connected',
    success_body: 'The connection works. You can go back to the app or connect another account.',
    connect_more: 'Connect another account',
    modal_title: 'Account connected',
    modal_body: 'Do you want to connect another account, or go back?',
    denied_title: 'Access was not approved',
    denied_body:
      'You pressed Cancel on {{platform}}, so nothing was connected. Try again and approve access when {{platform}} asks.',
    invalid_state_title: 'The sign-in session ended',
    invalid_state_body:
      'This happens when signing in took too long, was finished in another browser, or was already used. Start again from this page.',
    limit_reached_title: 'No more accounts can be connected',
    limit_reached_body:
      'The number of {{platform}} accounts allowed here has been reached. Disconnect one you no longer need, or ask the team that sent you here.',
    permissions_title: 'Some permissions were not granted',
    permissions_body:
      '{{platform}} needs every permission it asks for. Try again and leave all options ticked.',
    permissions_missing: 'Missing: {{missing}}',
    no_channels_title: 'Nothing to connect was found',
    no_channels_body: 'This {{platform}} login gives access to nothing that can be connected.',
    error_title: 'The connection did not work',
    error_body:
      '{{platform}} did not complete the connection. Try again in a moment; if it keeps failing, contact the team that sent you here.',
  },
  select: {
    title: 'Choose what to connect',
    intro: 'Your {{platform}} login gives access to the following. Choose what to connect.',
    submit: 'Connect',
    not_eligible: 'Cannot be connected',
    expired: 'This choice has expired. Connect the platform again.',
    choose_one: 'Choose at least one.',
  },
  accounts: {
    title: 'Your connected accounts',
    empty: 'No accounts are connected yet.',
    connected_on: 'Connected: {{date}}',
    last_refresh: 'Last refreshed: {{date}}',
    never_refreshed: 'Not refreshed yet',
    access_ends: 'Access ends: {{date}}',
    main: 'Main account',
    set_main: 'Make main',
    reconnect: 'Reconnect',
    disconnect: 'Disconnect',
    confirm_title: 'Disconnect {{account}}?',
    confirm_body:
      'The app will no longer be able to use this {{platform}} account. You can connect it again later.',
    confirm_yes: 'Yes, disconnect',
    confirm_no: 'Cancel',
    done_disconnected: '{{account}} was disconnected.',
    done_main: '{{account}} is now the main {{platform}} account.',
    done_reconnected: '{{account}} is connected again.',
    reconnect_failed:
      'Reconnecting did not work. Try again and sign in with the same {{platform}} account.',
    on_hold:
      'This account is still in use ({{reason}}), so it cannot be disconnected here. Ask your team.',
    notices: 'Notifications',
    no_notices: 'No notifications.',
    live: 'This page updates by itself.',
  },
  status: {
    ACTIVE: 'Active',
    EXPIRING: 'Expiring',
    EXPIRED: 'Expired',
    ERROR: 'Error',
    DISCONNECTED: 'Disconnected',
  },
  reason: {
    reauth_required: '{{platform}} no longer accepts the connection. Reconnect to keep using it.',
    permission_lost:
      '{{platform}} no longer grants a permission the connection needs, for example after a role was removed. Reconnect and approve every permission.',
    transient_exhausted:
      '{{platform}} could not be reached for a long time and the connection lapsed. Reconnect to restore it.',
    not_refreshable:
      '{{platform}} does not let this connection renew itself. Reconnect before access ends.',
    refresh_failing:
      'Renewing the connection with {{platform}} keeps failing. Reconnect before access ends.',
    refresh_token_end_of_life:
      'The connection reaches the longest time {{platform}} allows. Reconnect before access ends.',
    revoked_by_user: 'Access was withdrawn on {{platform}}. Reconnect to use this account again.',
    disconnected_by_team: 'This account was disconnected.',
    other: 'This account needs attention. Reconnect it to make sure it keeps working.',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof en>;
