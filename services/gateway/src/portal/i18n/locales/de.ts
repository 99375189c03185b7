import type { Messages } from './en';

export const de: Messages = {
  common: {
    language: 'Sprache',
    change_language: 'Wechseln',
    back: 'Zurück',
    powered_by: 'Bereitgestellt von Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Profilbild',
    try_again: 'Erneut versuchen',
    back_to_platforms: 'Zurück zu den Plattformen',
    error_code: 'Fehlercode: {{code}}',
    link_expired_title: 'Dieser Link ist abgelaufen',
    link_expired_body:
      'Links zu dieser Seite gelten nur begrenzte Zeit. Kehren Sie zur App zurück, die Sie hierher geschickt hat, und öffnen Sie die Seite erneut.',
    link_invalid_title: 'Dieser Link funktioniert nicht',
    link_invalid_body:
      'Der Link ist unvollständig oder wurde verändert. Kehren Sie zur App zurück, die Sie hierher geschickt hat, und öffnen Sie die Seite erneut.',
    refused_title: 'Diese Aktion wurde abgelehnt',
    refused_body:
      'Die Seite war zu lange geöffnet oder stammt von einer anderen Website. Laden Sie sie neu und versuchen Sie es noch einmal.',
  },
  portal: {
    title: 'Verbinden Sie Ihre Konten',
    intro:
      'Wählen Sie eine Plattform. Sie melden sich dort an, erlauben den Zugriff und kommen hierher zurück.',
    platforms: 'Plattformen',
    connect: '{{platform}} verbinden',
    before: 'Bevor Sie beginnen',
    remaining: 'Konten, die Sie mit diesem Link noch verbinden können: {{count}}',
    none_left: 'Über diesen Link wurden bereits so viele Konten verbunden, wie erlaubt sind.',
  },
  requirement: {
    FACEBOOK:
      'Facebook verbindet Seiten, keine privaten Profile. Sie brauchen eine Seite, auf der Sie volle Kontrolle oder die Aufgabe „Inhalte erstellen“ haben.',
    INSTAGRAM:
      'Erfordert ein professionelles Instagram-Konto (Unternehmen oder Creator), das mit einer von Ihnen verwalteten Facebook-Seite verknüpft ist. Sie melden sich mit Facebook an.',
    INSTAGRAM_LOGIN:
      'Erfordert ein professionelles Instagram-Konto (Unternehmen oder Creator). Private Konten lassen sich nicht verbinden; ändern Sie zuerst den Kontotyp in der Instagram-App.',
    THREADS: 'Melden Sie sich mit dem Instagram-Konto an, das Ihr Threads-Profil verwendet.',
    LINKEDIN: 'Verbindet Ihr persönliches LinkedIn-Profil.',
    LINKEDIN_PAGE:
      'Verbindet eine LinkedIn-Seite. Sie müssen Administrator der Organisation auf LinkedIn sein.',
    TIKTOK: 'Verbindet ein normales TikTok-Konto. TikTok-Business-Konten werden separat verbunden.',
    TIKTOK_BUSINESS:
      'Erfordert ein TikTok-Business-Konto. Es ist von einem normalen TikTok-Konto getrennt und wird eigens verbunden.',
    YOUTUBE: 'Erfordert einen YouTube-Kanal im Google-Konto, mit dem Sie sich anmelden.',
    GOOGLE_BUSINESS:
      'Erfordert einen bestätigten Standort im Google-Unternehmensprofil, den Sie besitzen oder verwalten.',
    PINTEREST:
      'Erfordert ein Pinterest-Unternehmenskonto mit mindestens einer Pinnwand. Wandeln Sie ein privates Konto zuerst in den Pinterest-Einstellungen um.',
    DISCORD: 'Sie müssen den Discord-Server verwalten dürfen, dem Sie die App hinzufügen.',
    SLACK: 'Sie müssen im Slack-Workspace Apps installieren dürfen.',
    generic: 'Sie melden sich bei {{platform}} an und erlauben den Zugriff.',
  },
  outcome: {
    success_title: '{{platform}}-Konto verbunden',
    success_body:
      'Die Verbindung funktioniert. Sie können zur App zurückkehren oder ein weiteres Konto verbinden.',
    connect_more: 'Weiteres Konto verbinden',
    modal_title: 'Konto verbunden',
    modal_body: 'Möchten Sie ein weiteres Konto verbinden oder zurückkehren?',
    denied_title: 'Der Zugriff wurde nicht erlaubt',
    denied_body:
      'Sie haben bei {{platform}} auf Abbrechen geklickt, daher wurde nichts verbunden. Versuchen Sie es erneut und erlauben Sie den Zugriff, wenn {{platform}} danach fragt.',
    invalid_state_title: 'Die Anmeldesitzung ist abgelaufen',
    invalid_state_body:
      'Das passiert, wenn die Anmeldung zu lange gedauert hat, in einem anderen Browser beendet wurde oder bereits verwendet wurde. Beginnen Sie auf dieser Seite neu.',
    limit_reached_title: 'Es können keine weiteren Konten verbunden werden',
    limit_reached_body:
      'Die hier erlaubte Anzahl an {{platform}}-Konten ist erreicht. Trennen Sie ein Konto, das Sie nicht mehr brauchen, oder fragen Sie das Team, das Sie hierher geschickt hat.',
    permissions_title: 'Einige Berechtigungen wurden nicht erteilt',
    permissions_body:
      '{{platform}} braucht jede angefragte Berechtigung. Versuchen Sie es erneut und lassen Sie alle Optionen ausgewählt.',
    permissions_missing: 'Fehlend: {{missing}}',
    no_channels_title: 'Nichts zum Verbinden gefunden',
    no_channels_body:
      'Diese {{platform}}-Anmeldung gibt Zugriff auf nichts, was verbunden werden kann.',
    error_title: 'Die Verbindung hat nicht geklappt',
    error_body:
      '{{platform}} hat die Verbindung nicht abgeschlossen. Versuchen Sie es gleich noch einmal; wenn es weiter fehlschlägt, wenden Sie sich an das Team, das Sie hierher geschickt hat.',
  },
  select: {
    title: 'Wählen Sie aus, was verbunden werden soll',
    intro:
      'Ihre {{platform}}-Anmeldung gibt Zugriff auf Folgendes. Wählen Sie aus, was verbunden werden soll.',
    submit: 'Verbinden',
    not_eligible: 'Kann nicht verbunden werden',
    expired: 'Diese Auswahl ist abgelaufen. Verbinden Sie die Plattform erneut.',
    choose_one: 'Wählen Sie mindestens einen Eintrag.',
  },
  accounts: {
    title: 'Ihre verbundenen Konten',
    empty: 'Es sind noch keine Konten verbunden.',
    connected_on: 'Verbunden: {{date}}',
    last_refresh: 'Zuletzt erneuert: {{date}}',
    never_refreshed: 'Noch nicht erneuert',
    access_ends: 'Zugriff endet: {{date}}',
    main: 'Hauptkonto',
    set_main: 'Als Hauptkonto festlegen',
    reconnect: 'Erneut verbinden',
    disconnect: 'Trennen',
    confirm_title: '{{account}} trennen?',
    confirm_body:
      'Die App kann dieses {{platform}}-Konto dann nicht mehr verwenden. Sie können es später wieder verbinden.',
    confirm_yes: 'Ja, trennen',
    confirm_no: 'Abbrechen',
    done_disconnected: '{{account}} wurde getrennt.',
    done_main: '{{account}} ist jetzt das {{platform}}-Hauptkonto.',
    done_reconnected: '{{account}} ist wieder verbunden.',
    reconnect_failed:
      'Das erneute Verbinden hat nicht geklappt. Versuchen Sie es noch einmal und melden Sie sich mit demselben {{platform}}-Konto an.',
    on_hold:
      'Dieses Konto wird noch verwendet ({{reason}}) und kann hier daher nicht getrennt werden. Fragen Sie Ihr Team.',
    notices: 'Benachrichtigungen',
    no_notices: 'Keine Benachrichtigungen.',
    live: 'Diese Seite aktualisiert sich von selbst.',
  },
  status: {
    ACTIVE: 'Aktiv',
    EXPIRING: 'Läuft ab',
    EXPIRED: 'Abgelaufen',
    ERROR: 'Fehler',
    DISCONNECTED: 'Getrennt',
  },
  reason: {
    reauth_required:
      '{{platform}} akzeptiert die Verbindung nicht mehr. Verbinden Sie das Konto erneut, um es weiter zu nutzen.',
    permission_lost:
      '{{platform}} gewährt eine nötige Berechtigung nicht mehr, etwa nachdem eine Rolle entzogen wurde. Verbinden Sie erneut und erlauben Sie alle Berechtigungen.',
    transient_exhausted:
      '{{platform}} war lange nicht erreichbar und die Verbindung ist abgelaufen. Verbinden Sie erneut, um sie wiederherzustellen.',
    not_refreshable:
      '{{platform}} lässt diese Verbindung nicht selbst erneuern. Verbinden Sie erneut, bevor der Zugriff endet.',
    refresh_failing:
      'Das Erneuern der Verbindung mit {{platform}} schlägt immer wieder fehl. Verbinden Sie erneut, bevor der Zugriff endet.',
    refresh_token_end_of_life:
      'Die Verbindung erreicht die längste Dauer, die {{platform}} erlaubt. Verbinden Sie erneut, bevor der Zugriff endet.',
    revoked_by_user:
      'Der Zugriff wurde bei {{platform}} entzogen. Verbinden Sie erneut, um dieses Konto wieder zu nutzen.',
    disconnected_by_team: 'Dieses Konto wurde getrennt.',
    other:
      'Dieses Konto braucht Aufmerksamkeit. Verbinden Sie es erneut, damit es weiter funktioniert.',
  },
};
