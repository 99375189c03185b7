import type { Messages } from './en';

export const it: Messages = {
  common: {
    language: 'Lingua',
    change_language: 'Cambia',
    back: 'Indietro',
    powered_by: 'Con tecnologia Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Immagine del profilo',
    try_again: 'Riprova',
    back_to_platforms: 'Torna alle piattaforme',
    error_code: 'Codice di errore: {{code}}',
    link_expired_title: 'Questo link è scaduto',
    link_expired_body:
      'I link a questa pagina funzionano per un tempo limitato. Torna all’app che ti ha mandato qui e apri di nuovo la pagina.',
    link_invalid_title: 'Questo link non funziona',
    link_invalid_body:
      'Il link è incompleto o è stato modificato. Torna all’app che ti ha mandato qui e apri di nuovo la pagina.',
    refused_title: 'Questa azione è stata rifiutata',
    refused_body:
      'La pagina è rimasta aperta troppo a lungo o proviene da un altro sito. Ricaricala e riprova.',
  },
  portal: {
    title: 'Collega i tuoi account',
    intro: 'Scegli una piattaforma. Accederai lì, approverai l’accesso e tornerai qui.',
    platforms: 'Piattaforme',
    connect: 'Collega {{platform}}',
    before: 'Prima di iniziare',
    remaining: 'Account che puoi ancora collegare con questo link: {{count}}',
    none_left: 'Con questo link sono già stati collegati tutti gli account consentiti.',
  },
  requirement: {
    FACEBOOK:
      'Facebook collega Pagine, non profili personali. Ti serve una Pagina su cui hai il controllo completo o l’attività di creazione di contenuti.',
    INSTAGRAM:
      'Richiede un account Instagram professionale (azienda o creator) collegato a una Pagina Facebook che gestisci. Accedi con Facebook.',
    INSTAGRAM_LOGIN:
      'Richiede un account Instagram professionale (azienda o creator). Gli account personali non si possono collegare; cambia prima il tipo di account nell’app Instagram.',
    THREADS: 'Accedi con l’account Instagram usato dal tuo profilo Threads.',
    LINKEDIN: 'Collega il tuo profilo LinkedIn personale.',
    LINKEDIN_PAGE:
      'Collega una Pagina LinkedIn. Devi essere amministratore dell’organizzazione su LinkedIn.',
    TIKTOK: 'Collega un normale account TikTok. Gli account TikTok Business si collegano a parte.',
    TIKTOK_BUSINESS:
      'Richiede un account TikTok Business. È separato da un normale account TikTok e si collega a parte.',
    YOUTUBE: 'Richiede un canale YouTube sull’account Google con cui accedi.',
    GOOGLE_BUSINESS:
      'Richiede una sede verificata del Profilo dell’attività su Google di cui sei proprietario o gestore.',
    PINTEREST:
      'Richiede un account aziendale Pinterest con almeno una bacheca. Converti prima un account personale nelle impostazioni di Pinterest.',
    DISCORD: 'Devi poter gestire il server Discord a cui aggiungi l’app.',
    SLACK: 'Devi poter installare app nell’area di lavoro Slack.',
    generic: 'Accederai a {{platform}} e approverai l’accesso.',
  },
  outcome: {
    success_title: 'Account {{platform}} collegato',
    success_body: 'Il collegamento funziona. Puoi tornare all’app o collegare un altro account.',
    connect_more: 'Collega un altro account',
    modal_title: 'Account collegato',
    modal_body: 'Vuoi collegare un altro account o tornare indietro?',
    denied_title: 'L’accesso non è stato approvato',
    denied_body:
      'Hai premuto Annulla su {{platform}}, quindi non è stato collegato nulla. Riprova e approva l’accesso quando {{platform}} lo chiede.',
    invalid_state_title: 'La sessione di accesso è terminata',
    invalid_state_body:
      'Succede quando l’accesso ha richiesto troppo tempo, è stato completato in un altro browser o era già stato usato. Ricomincia da questa pagina.',
    limit_reached_title: 'Non è possibile collegare altri account',
    limit_reached_body:
      'È stato raggiunto il numero di account {{platform}} consentiti qui. Scollega un account che non ti serve più o chiedi al team che ti ha mandato qui.',
    permissions_title: 'Alcune autorizzazioni non sono state concesse',
    permissions_body:
      '{{platform}} ha bisogno di tutte le autorizzazioni che richiede. Riprova lasciando selezionate tutte le opzioni.',
    permissions_missing: 'Mancanti: {{missing}}',
    no_channels_title: 'Non è stato trovato nulla da collegare',
    no_channels_body:
      'Questo accesso a {{platform}} non dà accesso a nulla che si possa collegare.',
    error_title: 'Il collegamento non è riuscito',
    error_body:
      '{{platform}} non ha completato il collegamento. Riprova tra poco; se continua a non funzionare, contatta il team che ti ha mandato qui.',
  },
  select: {
    title: 'Scegli cosa collegare',
    intro: 'Il tuo accesso a {{platform}} dà accesso a quanto segue. Scegli cosa collegare.',
    submit: 'Collega',
    not_eligible: 'Non collegabile',
    expired: 'Questa scelta è scaduta. Collega di nuovo la piattaforma.',
    choose_one: 'Scegli almeno un elemento.',
  },
  accounts: {
    title: 'I tuoi account collegati',
    empty: 'Non ci sono ancora account collegati.',
    connected_on: 'Collegato: {{date}}',
    last_refresh: 'Ultimo rinnovo: {{date}}',
    never_refreshed: 'Non ancora rinnovato',
    access_ends: 'L’accesso termina: {{date}}',
    main: 'Account principale',
    set_main: 'Rendi principale',
    reconnect: 'Ricollega',
    disconnect: 'Scollega',
    confirm_title: 'Scollegare {{account}}?',
    confirm_body:
      'L’app non potrà più usare questo account {{platform}}. Potrai ricollegarlo più tardi.',
    confirm_yes: 'Sì, scollega',
    confirm_no: 'Annulla',
    done_disconnected: '{{account}} è stato scollegato.',
    done_main: '{{account}} è ora l’account {{platform}} principale.',
    done_reconnected: '{{account}} è di nuovo collegato.',
    reconnect_failed:
      'Il ricollegamento non è riuscito. Riprova e accedi con lo stesso account {{platform}}.',
    on_hold:
      'Questo account è ancora in uso ({{reason}}), quindi non può essere scollegato qui. Chiedi al tuo team.',
    notices: 'Notifiche',
    no_notices: 'Nessuna notifica.',
    live: 'Questa pagina si aggiorna da sola.',
  },
  status: {
    ACTIVE: 'Attivo',
    EXPIRING: 'In scadenza',
    EXPIRED: 'Scaduto',
    ERROR: 'Errore',
    DISCONNECTED: 'Scollegato',
  },
  reason: {
    reauth_required:
      '{{platform}} non accetta più il collegamento. Ricollega l’account per continuare a usarlo.',
    permission_lost:
      '{{platform}} non concede più un’autorizzazione necessaria, per esempio dopo la rimozione di un ruolo. Ricollega e approva tutte le autorizzazioni.',
    transient_exhausted:
      '{{platform}} è rimasto irraggiungibile a lungo e il collegamento è scaduto. Ricollega per ripristinarlo.',
    not_refreshable:
      '{{platform}} non consente a questo collegamento di rinnovarsi da solo. Ricollega prima che l’accesso termini.',
    refresh_failing:
      'Il rinnovo del collegamento con {{platform}} continua a non riuscire. Ricollega prima che l’accesso termini.',
    refresh_token_end_of_life:
      'Il collegamento raggiunge la durata massima consentita da {{platform}}. Ricollega prima che l’accesso termini.',
    revoked_by_user:
      'L’accesso è stato revocato su {{platform}}. Ricollega per usare di nuovo questo account.',
    disconnected_by_team: 'Questo account è stato scollegato.',
    other: 'Questo account richiede attenzione. Ricollegalo perché continui a funzionare.',
  },
};
