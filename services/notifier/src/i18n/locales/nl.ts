import type { Messages } from './en';

export const nl: Messages = {
  common: {
    greeting_named: 'Hallo {{name}},',
    greeting: 'Hallo,',
    reconnect_button: '{{account}} opnieuw koppelen',
    link_valid_until: 'Deze link werkt tot {{date}}.',
    footer:
      'Je ontvangt deze e-mail omdat je lid bent van het team dat dit account gebruikt. In je meldingsvoorkeuren kies je welke meldingen je krijgt.',
    todo_reconnect:
      'Koppel het account opnieuw om ermee te blijven publiceren en er gegevens uit te lezen. Het duurt een minuut: meld je aan bij {{platform}} en geef opnieuw toegang.',
  },
  token_expiring: {
    title: 'Je {{platform}}-account {{account}} wordt {{when}} ontkoppeld',
    cause_not_refreshable:
      '{{platform}} laat deze koppeling zichzelf niet vernieuwen, dus de toegang eindigt op {{date}}.',
    cause_refresh_failing:
      'Het vernieuwen van de koppeling met {{platform}} mislukt steeds, en de toegang eindigt op {{date}}.',
    cause_refresh_token_end_of_life:
      'De koppeling bereikt de langste looptijd die {{platform}} toestaat en eindigt op {{date}}.',
    todo: 'Koppel het account daarvoor opnieuw, zodat niets ophoudt te werken.',
  },
  refresh_failed: {
    title: 'Je {{platform}}-account {{account}} moet opnieuw worden gekoppeld',
    reason_reauth_required:
      '{{platform}} accepteert de koppeling niet meer: de toegang is ingetrokken of verlopen.',
    reason_permission_lost:
      '{{platform}} geeft niet meer alle rechten die deze koppeling nodig heeft.',
    reason_permission_lost_scopes: '{{platform}} geeft deze rechten niet meer: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} was zo lang onbereikbaar dat de koppeling is verlopen.',
  },
  disconnected: {
    title_provider: 'De toegang tot je {{platform}}-account {{account}} is ingetrokken',
    body_provider:
      'Het account is aan de kant van {{platform}} ontkoppeld en kan niet meer worden gebruikt.',
    title_team: 'Het {{platform}}-account {{account}} is ontkoppeld',
    body_team: 'Je team heeft dit account ontkoppeld. Je hoeft verder niets te doen.',
  },
  connect_failed: {
    title_reconnect: 'Het opnieuw koppelen van je {{platform}}-account {{account}} is niet gelukt',
    title_new: 'Het koppelen van een {{platform}}-account is niet gelukt',
    reason_denied: 'De toegang is niet goedgekeurd op {{platform}}.',
    reason_permissions: 'Sommige rechten zijn niet verleend: {{scopes}}.',
    reason_mismatch:
      'Er is aangemeld met een ander {{platform}}-account dan het account dat opnieuw werd gekoppeld.',
    reason_other: '{{platform}} heeft de koppeling niet afgerond (code: {{code}}).',
    todo_reconnect:
      'Probeer het opnieuw met de link hieronder en meld je aan met hetzelfde account.',
    todo_new: 'Probeer het account opnieuw te koppelen.',
  },
  reconnected: {
    title: 'Je {{platform}}-account {{account}} is weer gekoppeld',
    body: 'De koppeling werkt weer. Je krijgt er geen herinneringen meer over.',
  },
  reminder: {
    title:
      'Herinnering: je {{platform}}-account {{account}} moet nog steeds opnieuw worden gekoppeld',
    body: 'Het account is sinds {{date}} niet bruikbaar.',
  },
  webhook_disabled: {
    title: 'Een webhook is uitgeschakeld: {{host}}',
    body: 'Leveringen aan {{url}} mislukken sinds {{date}}, dus het abonnement is uitgeschakeld.',
    todo: 'Los het probleem met het endpoint op en schakel de webhook daarna weer in.',
  },
};
