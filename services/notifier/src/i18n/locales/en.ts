/** English: the reference every other locale must match key for key (the type enforces it). */
export const en = {
  common: {
    greeting_named: 'Hi {{name}},',
    greeting: 'Hello,',
    reconnect_button: 'Reconnect {{account}}',
    link_valid_until: 'This link works until {{date}}.',
    footer:
      'You receive this email because you are a member of the team that uses this account. You can choose which notifications you get in your notification preferences.',
    todo_reconnect:
      'Reconnect the account to keep publishing and reading from it. It takes a minute: sign in to {{platform}} and approve access again.',
  },
  token_expiring: {
    title: 'Your {{platform}} account {{account}} will disconnect {{when}}',
    cause_not_refreshable:
      '{{platform}} does not let this connection renew itself, so access ends on {{date}}.',
    cause_refresh_failing:
      'Renewing the connection with {{platform}} keeps failing, and access ends on {{date}}.',
    cause_refresh_token_end_of_life:
      'The connection reaches the longest lifetime {{platform}} allows and ends on {{date}}.',
    todo: 'Reconnect the account before then so that nothing stops working.',
  },
  refresh_failed: {
    title: 'Your {{platform}} account {{account}} needs to be reconnected',
    reason_reauth_required:
      '{{platform}} no longer accepts the connection: access was withdrawn or has expired.',
    reason_permission_lost:
      '{{platform}} no longer grants all the permissions this connection needs.',
    reason_permission_lost_scopes: '{{platform}} no longer grants these permissions: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} could not be reached for so long that the connection expired.',
  },
  disconnected: {
    title_provider: 'Access to your {{platform}} account {{account}} was withdrawn',
    body_provider:
      'The account was disconnected on the {{platform}} side and can no longer be used.',
    title_team: 'The {{platform}} account {{account}} was disconnected',
    body_team: 'Your team disconnected this account. Nothing else needs to be done.',
  },
  connect_failed: {
    title_reconnect: 'Reconnecting your {{platform}} account {{account}} did not work',
    title_new: 'Connecting a {{platform}} account did not work',
    reason_denied: 'Access was not approved on {{platform}}.',
    reason_permissions: 'Some permissions were not granted: {{scopes}}.',
    reason_mismatch:
      'A different {{platform}} account was signed in than the one being reconnected.',
    reason_other: '{{platform}} did not complete the connection (code: {{code}}).',
    todo_reconnect: 'Try again with the link below and sign in with the same account.',
    todo_new: 'Try connecting the account again.',
  },
  reconnected: {
    title: 'Your {{platform}} account {{account}} is connected again',
    body: 'The connection works again. There will be no more reminders about it.',
  },
  reminder: {
    title: 'Reminder: your {{platform}} account {{account}} still needs to be reconnected',
    body: 'The account has not been usable since {{date}}.',
  },
  webhook_disabled: {
    title: 'A webhook was switched off: {{host}}',
    body: 'Deliveries to {{url}} have failed since {{date}}, so the subscription was disabled.',
    todo: 'Fix the endpoint, then enable the webhook again.',
  },
} as const;

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof en>;
