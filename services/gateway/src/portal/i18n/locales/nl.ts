import type { Messages } from './en';

export const nl: Messages = {
  common: {
    language: 'Taal',
    change_language: 'Wijzigen',
    back: 'Terug',
    powered_by: 'Mogelijk gemaakt door Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Profielfoto',
    try_again: 'Opnieuw proberen',
    back_to_platforms: 'Terug naar de platforms',
    error_code: 'Foutcode: {{code}}',
    link_expired_title: 'Deze link is verlopen',
    link_expired_body:
      'Links naar deze pagina werken een beperkte tijd. Ga terug naar de app die je hierheen stuurde en open de pagina opnieuw.',
    link_invalid_title: 'Deze link werkt niet',
    link_invalid_body:
      'De link is onvolledig of gewijzigd. Ga terug naar de app die je hierheen stuurde en open de pagina opnieuw.',
    refused_title: 'Deze actie is geweigerd',
    refused_body:
      'De pagina stond te lang open of komt van een andere site. Laad haar opnieuw en probeer het nog eens.',
  },
  portal: {
    title: 'Koppel je accounts',
    intro: 'Kies een platform. Je meldt je daar aan, geeft toegang en komt hier terug.',
    platforms: 'Platforms',
    connect: '{{platform}} koppelen',
    before: 'Voordat je begint',
    remaining: 'Accounts die je met deze link nog kunt koppelen: {{count}}',
    none_left: 'Met deze link zijn al zoveel accounts gekoppeld als is toegestaan.',
  },
  requirement: {
    FACEBOOK:
      'Facebook koppelt pagina’s, geen persoonlijke profielen. Je hebt een pagina nodig waarop je volledige controle of de taak content maken hebt.',
    INSTAGRAM:
      'Vereist een professioneel Instagram-account (bedrijf of creator) dat gekoppeld is aan een Facebook-pagina die je beheert. Je meldt je aan met Facebook.',
    INSTAGRAM_LOGIN:
      'Vereist een professioneel Instagram-account (bedrijf of creator). Persoonlijke accounts kunnen niet worden gekoppeld; wijzig eerst het accounttype in de Instagram-app.',
    THREADS: 'Meld je aan met het Instagram-account dat je Threads-profiel gebruikt.',
    LINKEDIN: 'Koppelt je persoonlijke LinkedIn-profiel.',
    LINKEDIN_PAGE:
      'Koppelt een LinkedIn-pagina. Je moet beheerder van de organisatie op LinkedIn zijn.',
    TIKTOK: 'Koppelt een gewoon TikTok-account. TikTok Business-accounts worden apart gekoppeld.',
    TIKTOK_BUSINESS:
      'Vereist een TikTok Business-account. Dat staat los van een gewoon TikTok-account en wordt apart gekoppeld.',
    YOUTUBE: 'Vereist een YouTube-kanaal op het Google-account waarmee je je aanmeldt.',
    GOOGLE_BUSINESS:
      'Vereist een geverifieerde locatie in een Google Bedrijfsprofiel waarvan je eigenaar of beheerder bent.',
    PINTEREST:
      'Vereist een Pinterest-bedrijfsaccount met minstens één bord. Zet een persoonlijk account eerst om in de instellingen van Pinterest.',
    DISCORD: 'Je moet de Discord-server kunnen beheren waaraan je de app toevoegt.',
    SLACK: 'Je moet apps kunnen installeren in de Slack-werkruimte.',
    generic: 'Je meldt je aan bij {{platform}} en geeft toegang.',
  },
  outcome: {
    success_title: '{{platform}}-account gekoppeld',
    success_body: 'De koppeling werkt. Je kunt teruggaan naar de app of nog een account koppelen.',
    connect_more: 'Nog een account koppelen',
    modal_title: 'Account gekoppeld',
    modal_body: 'Wil je nog een account koppelen of teruggaan?',
    denied_title: 'De toegang is niet goedgekeurd',
    denied_body:
      'Je klikte op Annuleren bij {{platform}}, dus er is niets gekoppeld. Probeer het opnieuw en geef toegang wanneer {{platform}} erom vraagt.',
    invalid_state_title: 'De aanmeldsessie is verlopen',
    invalid_state_body:
      'Dit gebeurt als het aanmelden te lang duurde, in een andere browser werd afgerond of al was gebruikt. Begin opnieuw vanaf deze pagina.',
    limit_reached_title: 'Er kunnen geen accounts meer worden gekoppeld',
    limit_reached_body:
      'Het toegestane aantal {{platform}}-accounts is bereikt. Ontkoppel een account dat je niet meer nodig hebt of vraag het team dat je hierheen stuurde.',
    permissions_title: 'Sommige machtigingen zijn niet gegeven',
    permissions_body:
      '{{platform}} heeft alle gevraagde machtigingen nodig. Probeer het opnieuw en laat alle opties aangevinkt.',
    permissions_missing: 'Ontbreekt: {{missing}}',
    no_channels_title: 'Niets gevonden om te koppelen',
    no_channels_body:
      'Deze aanmelding bij {{platform}} geeft toegang tot niets wat gekoppeld kan worden.',
    error_title: 'Het koppelen is niet gelukt',
    error_body:
      '{{platform}} heeft de koppeling niet afgerond. Probeer het zo opnieuw; blijft het mislukken, neem dan contact op met het team dat je hierheen stuurde.',
  },
  select: {
    title: 'Kies wat je wilt koppelen',
    intro:
      'Je aanmelding bij {{platform}} geeft toegang tot het volgende. Kies wat je wilt koppelen.',
    submit: 'Koppelen',
    not_eligible: 'Kan niet worden gekoppeld',
    expired: 'Deze keuze is verlopen. Koppel het platform opnieuw.',
    choose_one: 'Kies er minstens één.',
  },
  accounts: {
    title: 'Je gekoppelde accounts',
    empty: 'Er zijn nog geen accounts gekoppeld.',
    connected_on: 'Gekoppeld: {{date}}',
    last_refresh: 'Laatst vernieuwd: {{date}}',
    never_refreshed: 'Nog niet vernieuwd',
    access_ends: 'Toegang eindigt: {{date}}',
    main: 'Hoofdaccount',
    set_main: 'Maak hoofdaccount',
    reconnect: 'Opnieuw koppelen',
    disconnect: 'Ontkoppelen',
    confirm_title: '{{account}} ontkoppelen?',
    confirm_body:
      'De app kan dit {{platform}}-account dan niet meer gebruiken. Je kunt het later opnieuw koppelen.',
    confirm_yes: 'Ja, ontkoppelen',
    confirm_no: 'Annuleren',
    done_disconnected: '{{account}} is ontkoppeld.',
    done_main: '{{account}} is nu het {{platform}}-hoofdaccount.',
    done_reconnected: '{{account}} is weer gekoppeld.',
    reconnect_failed:
      'Opnieuw koppelen is niet gelukt. Probeer het nog eens en meld je aan met hetzelfde {{platform}}-account.',
    on_hold:
      'Dit account is nog in gebruik ({{reason}}) en kan hier dus niet worden ontkoppeld. Vraag het je team.',
    notices: 'Meldingen',
    no_notices: 'Geen meldingen.',
    live: 'Deze pagina werkt zichzelf bij.',
  },
  status: {
    ACTIVE: 'Actief',
    EXPIRING: 'Verloopt binnenkort',
    EXPIRED: 'Verlopen',
    ERROR: 'Fout',
    DISCONNECTED: 'Ontkoppeld',
  },
  reason: {
    reauth_required:
      '{{platform}} accepteert de koppeling niet meer. Koppel opnieuw om het account te blijven gebruiken.',
    permission_lost:
      '{{platform}} geeft een nodige machtiging niet meer, bijvoorbeeld nadat een rol is ingetrokken. Koppel opnieuw en geef alle machtigingen.',
    transient_exhausted:
      '{{platform}} was lange tijd onbereikbaar en de koppeling is verlopen. Koppel opnieuw om haar te herstellen.',
    not_refreshable:
      '{{platform}} laat deze koppeling zichzelf niet vernieuwen. Koppel opnieuw voordat de toegang eindigt.',
    refresh_failing:
      'Het vernieuwen van de koppeling met {{platform}} blijft mislukken. Koppel opnieuw voordat de toegang eindigt.',
    refresh_token_end_of_life:
      'De koppeling bereikt de langste duur die {{platform}} toestaat. Koppel opnieuw voordat de toegang eindigt.',
    revoked_by_user:
      'De toegang is ingetrokken bij {{platform}}. Koppel opnieuw om dit account weer te gebruiken.',
    disconnected_by_team: 'Dit account is ontkoppeld.',
    other: 'Dit account vraagt aandacht. Koppel het opnieuw zodat het blijft werken.',
  },
};
