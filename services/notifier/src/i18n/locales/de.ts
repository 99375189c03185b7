import type { Messages } from './en';

export const de: Messages = {
  common: {
    greeting_named: 'Hallo {{name}},',
    greeting: 'Hallo,',
    reconnect_button: '{{account}} erneut verbinden',
    link_valid_until: 'Dieser Link ist gültig bis {{date}}.',
    footer:
      'Sie erhalten diese E-Mail, weil Sie Mitglied des Teams sind, das dieses Konto nutzt. In Ihren Benachrichtigungseinstellungen können Sie festlegen, welche Benachrichtigungen Sie erhalten.',
    todo_reconnect:
      'Verbinden Sie das Konto erneut, um weiterhin darüber zu veröffentlichen und Daten daraus zu lesen. Das dauert eine Minute: Melden Sie sich bei {{platform}} an und erlauben Sie den Zugriff erneut.',
  },
  token_expiring: {
    title: 'Ihr {{platform}}-Konto {{account}} wird {{when}} getrennt',
    cause_not_refreshable:
      '{{platform}} erlaubt dieser Verbindung nicht, sich selbst zu erneuern, daher endet der Zugriff am {{date}}.',
    cause_refresh_failing:
      'Die Erneuerung der Verbindung mit {{platform}} schlägt immer wieder fehl, und der Zugriff endet am {{date}}.',
    cause_refresh_token_end_of_life:
      'Die Verbindung erreicht die längste Laufzeit, die {{platform}} erlaubt, und endet am {{date}}.',
    todo: 'Verbinden Sie das Konto vorher erneut, damit nichts aufhört zu funktionieren.',
  },
  refresh_failed: {
    title: 'Ihr {{platform}}-Konto {{account}} muss erneut verbunden werden',
    reason_reauth_required:
      '{{platform}} akzeptiert die Verbindung nicht mehr: Der Zugriff wurde entzogen oder ist abgelaufen.',
    reason_permission_lost:
      '{{platform}} gewährt nicht mehr alle Berechtigungen, die diese Verbindung braucht.',
    reason_permission_lost_scopes:
      '{{platform}} gewährt diese Berechtigungen nicht mehr: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} war so lange nicht erreichbar, dass die Verbindung abgelaufen ist.',
  },
  disconnected: {
    title_provider: 'Der Zugriff auf Ihr {{platform}}-Konto {{account}} wurde entzogen',
    body_provider:
      'Das Konto wurde auf Seiten von {{platform}} getrennt und kann nicht mehr verwendet werden.',
    title_team: 'Das {{platform}}-Konto {{account}} wurde getrennt',
    body_team: 'Ihr Team hat dieses Konto getrennt. Sonst ist nichts zu tun.',
  },
  connect_failed: {
    title_reconnect:
      'Das erneute Verbinden Ihres {{platform}}-Kontos {{account}} hat nicht geklappt',
    title_new: 'Das Verbinden eines {{platform}}-Kontos hat nicht geklappt',
    reason_denied: 'Der Zugriff wurde auf {{platform}} nicht genehmigt.',
    reason_permissions: 'Einige Berechtigungen wurden nicht erteilt: {{scopes}}.',
    reason_mismatch:
      'Es wurde ein anderes {{platform}}-Konto angemeldet als das, das erneut verbunden werden sollte.',
    reason_other: '{{platform}} hat die Verbindung nicht abgeschlossen (Code: {{code}}).',
    todo_reconnect:
      'Versuchen Sie es mit dem Link unten erneut und melden Sie sich mit demselben Konto an.',
    todo_new: 'Versuchen Sie erneut, das Konto zu verbinden.',
  },
  reconnected: {
    title: 'Ihr {{platform}}-Konto {{account}} ist wieder verbunden',
    body: 'Die Verbindung funktioniert wieder. Es folgen keine weiteren Erinnerungen dazu.',
  },
  reminder: {
    title: 'Erinnerung: Ihr {{platform}}-Konto {{account}} muss noch erneut verbunden werden',
    body: 'Das Konto ist seit {{date}} nicht nutzbar.',
  },
  webhook_disabled: {
    title: 'Ein Webhook wurde abgeschaltet: {{host}}',
    body: 'Zustellungen an {{url}} schlagen seit {{date}} fehl, daher wurde das Abonnement deaktiviert.',
    todo: 'Beheben Sie das Problem am Endpunkt und aktivieren Sie den Webhook dann wieder.',
  },
};
