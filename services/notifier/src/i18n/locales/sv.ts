import type { Messages } from './en';

export const sv: Messages = {
  common: {
    greeting_named: 'Hej {{name}},',
    greeting: 'Hej,',
    reconnect_button: 'Anslut {{account}} igen',
    link_valid_until: 'Länken fungerar till {{date}}.',
    footer:
      'Du får det här mejlet eftersom du är medlem i teamet som använder det här kontot. Du kan välja vilka aviseringar du får i dina aviseringsinställningar.',
    todo_reconnect:
      'Anslut kontot igen för att fortsätta publicera och läsa från det. Det tar en minut: logga in på {{platform}} och godkänn åtkomsten igen.',
  },
  token_expiring: {
    title: 'Ditt {{platform}}-konto {{account}} kopplas från {{when}}',
    cause_not_refreshable:
      '{{platform}} låter inte den här anslutningen förnya sig själv, så åtkomsten upphör {{date}}.',
    cause_refresh_failing:
      'Förnyelsen av anslutningen till {{platform}} misslyckas hela tiden, och åtkomsten upphör {{date}}.',
    cause_refresh_token_end_of_life:
      'Anslutningen når den längsta livslängd som {{platform}} tillåter och upphör {{date}}.',
    todo: 'Anslut kontot igen innan dess så att inget slutar fungera.',
  },
  refresh_failed: {
    title: 'Ditt {{platform}}-konto {{account}} behöver anslutas igen',
    reason_reauth_required:
      '{{platform}} accepterar inte längre anslutningen: åtkomsten har dragits tillbaka eller gått ut.',
    reason_permission_lost:
      '{{platform}} ger inte längre alla behörigheter som anslutningen behöver.',
    reason_permission_lost_scopes: '{{platform}} ger inte längre dessa behörigheter: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} gick inte att nå på så länge att anslutningen gick ut.',
  },
  disconnected: {
    title_provider: 'Åtkomsten till ditt {{platform}}-konto {{account}} har dragits tillbaka',
    body_provider: 'Kontot kopplades från hos {{platform}} och kan inte längre användas.',
    title_team: '{{platform}}-kontot {{account}} har kopplats från',
    body_team: 'Ditt team kopplade från det här kontot. Inget mer behöver göras.',
  },
  connect_failed: {
    title_reconnect: 'Det gick inte att ansluta ditt {{platform}}-konto {{account}} igen',
    title_new: 'Det gick inte att ansluta ett {{platform}}-konto',
    reason_denied: 'Åtkomsten godkändes inte på {{platform}}.',
    reason_permissions: 'Vissa behörigheter beviljades inte: {{scopes}}.',
    reason_mismatch: 'Ett annat {{platform}}-konto loggades in än det som skulle anslutas igen.',
    reason_other: '{{platform}} slutförde inte anslutningen (kod: {{code}}).',
    todo_reconnect: 'Försök igen med länken nedan och logga in med samma konto.',
    todo_new: 'Försök ansluta kontot igen.',
  },
  reconnected: {
    title: 'Ditt {{platform}}-konto {{account}} är anslutet igen',
    body: 'Anslutningen fungerar igen. Inga fler påminnelser kommer om den.',
  },
  reminder: {
    title: 'Påminnelse: ditt {{platform}}-konto {{account}} behöver fortfarande anslutas igen',
    body: 'Kontot har inte gått att använda sedan {{date}}.',
  },
  webhook_disabled: {
    title: 'En webhook har stängts av: {{host}}',
    body: 'Leveranser till {{url}} har misslyckats sedan {{date}}, så prenumerationen stängdes av.',
    todo: 'Åtgärda slutpunkten och aktivera sedan webhooken igen.',
  },
};
