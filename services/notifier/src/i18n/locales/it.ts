import type { Messages } from './en';

export const it: Messages = {
  common: {
    greeting_named: 'Ciao {{name}},',
    greeting: 'Salve,',
    reconnect_button: 'Ricollega {{account}}',
    link_valid_until: 'Questo link funziona fino al {{date}}.',
    footer:
      'Ricevi questa email perché fai parte del team che usa questo account. Puoi scegliere quali notifiche ricevere nelle preferenze di notifica.',
    todo_reconnect:
      'Ricollega l’account per continuare a pubblicare e a leggerne i dati. Basta un minuto: accedi a {{platform}} e autorizza di nuovo l’accesso.',
  },
  token_expiring: {
    title: 'Il tuo account {{platform}} {{account}} verrà scollegato {{when}}',
    cause_not_refreshable:
      '{{platform}} non consente a questa connessione di rinnovarsi da sola, quindi l’accesso termina il {{date}}.',
    cause_refresh_failing:
      'Il rinnovo della connessione con {{platform}} continua a non riuscire e l’accesso termina il {{date}}.',
    cause_refresh_token_end_of_life:
      'La connessione raggiunge la durata massima consentita da {{platform}} e termina il {{date}}.',
    todo: 'Ricollega l’account prima di allora, così nulla smetterà di funzionare.',
  },
  refresh_failed: {
    title: 'Il tuo account {{platform}} {{account}} deve essere ricollegato',
    reason_reauth_required:
      '{{platform}} non accetta più la connessione: l’accesso è stato revocato o è scaduto.',
    reason_permission_lost:
      '{{platform}} non concede più tutte le autorizzazioni necessarie a questa connessione.',
    reason_permission_lost_scopes:
      '{{platform}} non concede più queste autorizzazioni: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} è rimasto irraggiungibile così a lungo che la connessione è scaduta.',
  },
  disconnected: {
    title_provider: 'L’accesso al tuo account {{platform}} {{account}} è stato revocato',
    body_provider: 'L’account è stato scollegato da {{platform}} e non può più essere usato.',
    title_team: 'L’account {{platform}} {{account}} è stato scollegato',
    body_team: 'Il tuo team ha scollegato questo account. Non serve fare altro.',
  },
  connect_failed: {
    title_reconnect: 'Non è stato possibile ricollegare il tuo account {{platform}} {{account}}',
    title_new: 'Non è stato possibile collegare un account {{platform}}',
    reason_denied: 'L’accesso non è stato autorizzato su {{platform}}.',
    reason_permissions: 'Alcune autorizzazioni non sono state concesse: {{scopes}}.',
    reason_mismatch:
      'È stato effettuato l’accesso con un account {{platform}} diverso da quello da ricollegare.',
    reason_other: '{{platform}} non ha completato la connessione (codice: {{code}}).',
    todo_reconnect: 'Riprova con il link qui sotto e accedi con lo stesso account.',
    todo_new: 'Prova a collegare di nuovo l’account.',
  },
  reconnected: {
    title: 'Il tuo account {{platform}} {{account}} è di nuovo collegato',
    body: 'La connessione funziona di nuovo. Non riceverai altri promemoria.',
  },
  reminder: {
    title: 'Promemoria: il tuo account {{platform}} {{account}} deve ancora essere ricollegato',
    body: 'L’account non è utilizzabile dal {{date}}.',
  },
  webhook_disabled: {
    title: 'Un webhook è stato disattivato: {{host}}',
    body: 'Le consegne a {{url}} non riescono dal {{date}}, quindi l’abbonamento è stato disattivato.',
    todo: 'Correggi l’endpoint, poi riattiva il webhook.',
  },
};
