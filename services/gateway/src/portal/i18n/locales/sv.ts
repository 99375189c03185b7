import type { Messages } from './en';

export const sv: Messages = {
  common: {
    language: 'Språk',
    change_language: 'Byt',
    back: 'Tillbaka',
    powered_by: 'Drivs av Switchboard',
    logo_alt: 'Logotyp',
    user_logo_alt: 'Profilbild',
    try_again: 'Försök igen',
    back_to_platforms: 'Tillbaka till plattformarna',
    error_code: 'Felkod: {{code}}',
    link_expired_title: 'Länken har gått ut',
    link_expired_body:
      'Länkar till den här sidan fungerar en begränsad tid. Gå tillbaka till appen som skickade dig hit och öppna sidan igen.',
    link_invalid_title: 'Länken fungerar inte',
    link_invalid_body:
      'Länken är ofullständig eller har ändrats. Gå tillbaka till appen som skickade dig hit och öppna sidan igen.',
    refused_title: 'Åtgärden nekades',
    refused_body:
      'Sidan var öppen för länge eller kom från en annan webbplats. Ladda om den och försök igen.',
  },
  portal: {
    title: 'Anslut dina konton',
    intro: 'Välj en plattform. Du loggar in där, godkänner åtkomsten och kommer tillbaka hit.',
    platforms: 'Plattformar',
    connect: 'Anslut {{platform}}',
    before: 'Innan du börjar',
    remaining: 'Konton du fortfarande kan ansluta med den här länken: {{count}}',
    none_left: 'Den här länken har redan anslutit så många konton som den tillåter.',
  },
  requirement: {
    FACEBOOK:
      'Facebook ansluter sidor, inte personliga profiler. Du behöver en sida där du har full kontroll eller uppgiften att skapa innehåll.',
    INSTAGRAM:
      'Kräver ett professionellt Instagram-konto (företag eller kreatör) kopplat till en Facebook-sida som du hanterar. Du loggar in med Facebook.',
    INSTAGRAM_LOGIN:
      'Kräver ett professionellt Instagram-konto (företag eller kreatör). Personliga konton kan inte anslutas; byt först kontotyp i Instagram-appen.',
    THREADS: 'Logga in med det Instagram-konto som din Threads-profil använder.',
    LINKEDIN: 'Ansluter din personliga LinkedIn-profil.',
    LINKEDIN_PAGE:
      'Ansluter en LinkedIn-sida. Du måste vara administratör för organisationen på LinkedIn.',
    TIKTOK: 'Ansluter ett vanligt TikTok-konto. TikTok Business-konton ansluts separat.',
    TIKTOK_BUSINESS:
      'Kräver ett TikTok Business-konto. Det är skilt från ett vanligt TikTok-konto och ansluts för sig.',
    YOUTUBE: 'Kräver en YouTube-kanal på det Google-konto du loggar in med.',
    GOOGLE_BUSINESS:
      'Kräver en verifierad plats i en Google-företagsprofil som du äger eller hanterar.',
    PINTEREST:
      'Kräver ett Pinterest-företagskonto med minst en anslagstavla. Konvertera först ett personligt konto i Pinterests inställningar.',
    DISCORD: 'Du måste få hantera den Discord-server som du lägger till appen på.',
    SLACK: 'Du måste få installera appar i Slack-arbetsytan.',
    generic: 'Du loggar in på {{platform}} och godkänner åtkomsten.',
  },
  outcome: {
    success_title: '{{platform}}-kontot är anslutet',
    success_body:
      'Anslutningen fungerar. Du kan gå tillbaka till appen eller ansluta ett konto till.',
    connect_more: 'Anslut ett konto till',
    modal_title: 'Kontot är anslutet',
    modal_body: 'Vill du ansluta ett konto till eller gå tillbaka?',
    denied_title: 'Åtkomsten godkändes inte',
    denied_body:
      'Du tryckte på Avbryt hos {{platform}}, så inget anslöts. Försök igen och godkänn åtkomsten när {{platform}} frågar.',
    invalid_state_title: 'Inloggningssessionen har upphört',
    invalid_state_body:
      'Det händer när inloggningen tog för lång tid, slutfördes i en annan webbläsare eller redan hade använts. Börja om från den här sidan.',
    limit_reached_title: 'Inga fler konton kan anslutas',
    limit_reached_body:
      'Det tillåtna antalet {{platform}}-konton har nåtts. Koppla från ett konto du inte längre behöver eller fråga teamet som skickade dig hit.',
    permissions_title: 'Vissa behörigheter beviljades inte',
    permissions_body:
      '{{platform}} behöver alla behörigheter den ber om. Försök igen och låt alla alternativ vara markerade.',
    permissions_missing: 'Saknas: {{missing}}',
    no_channels_title: 'Inget att ansluta hittades',
    no_channels_body:
      'Den här inloggningen hos {{platform}} ger inte åtkomst till något som kan anslutas.',
    error_title: 'Anslutningen fungerade inte',
    error_body:
      '{{platform}} slutförde inte anslutningen. Försök igen om en stund; om det fortsätter att misslyckas, kontakta teamet som skickade dig hit.',
  },
  select: {
    title: 'Välj vad som ska anslutas',
    intro: 'Din inloggning hos {{platform}} ger åtkomst till följande. Välj vad som ska anslutas.',
    submit: 'Anslut',
    not_eligible: 'Kan inte anslutas',
    expired: 'Valet har gått ut. Anslut plattformen igen.',
    choose_one: 'Välj minst en.',
  },
  accounts: {
    title: 'Dina anslutna konton',
    empty: 'Inga konton är anslutna än.',
    connected_on: 'Anslutet: {{date}}',
    last_refresh: 'Senast förnyat: {{date}}',
    never_refreshed: 'Inte förnyat än',
    access_ends: 'Åtkomsten upphör: {{date}}',
    main: 'Huvudkonto',
    set_main: 'Gör till huvudkonto',
    reconnect: 'Anslut igen',
    disconnect: 'Koppla från',
    confirm_title: 'Koppla från {{account}}?',
    confirm_body:
      'Appen kan då inte längre använda det här {{platform}}-kontot. Du kan ansluta det igen senare.',
    confirm_yes: 'Ja, koppla från',
    confirm_no: 'Avbryt',
    done_disconnected: '{{account}} har kopplats från.',
    done_main: '{{account}} är nu huvudkontot för {{platform}}.',
    done_reconnected: '{{account}} är anslutet igen.',
    reconnect_failed:
      'Det gick inte att ansluta igen. Försök en gång till och logga in med samma {{platform}}-konto.',
    on_hold:
      'Kontot används fortfarande ({{reason}}) och kan därför inte kopplas från här. Fråga ditt team.',
    notices: 'Aviseringar',
    no_notices: 'Inga aviseringar.',
    live: 'Sidan uppdateras av sig själv.',
  },
  status: {
    ACTIVE: 'Aktivt',
    EXPIRING: 'Går snart ut',
    EXPIRED: 'Utgånget',
    ERROR: 'Fel',
    DISCONNECTED: 'Frånkopplat',
  },
  reason: {
    reauth_required:
      '{{platform}} godtar inte längre anslutningen. Anslut igen för att fortsätta använda kontot.',
    permission_lost:
      '{{platform}} ger inte längre en behörighet som anslutningen behöver, till exempel efter att en roll tagits bort. Anslut igen och godkänn alla behörigheter.',
    transient_exhausted:
      '{{platform}} gick inte att nå på länge och anslutningen gick ut. Anslut igen för att återställa den.',
    not_refreshable:
      '{{platform}} låter inte den här anslutningen förnya sig själv. Anslut igen innan åtkomsten upphör.',
    refresh_failing:
      'Förnyelsen av anslutningen till {{platform}} misslyckas hela tiden. Anslut igen innan åtkomsten upphör.',
    refresh_token_end_of_life:
      'Anslutningen når den längsta tid som {{platform}} tillåter. Anslut igen innan åtkomsten upphör.',
    revoked_by_user:
      'Åtkomsten drogs tillbaka hos {{platform}}. Anslut igen för att använda kontot på nytt.',
    disconnected_by_team: 'Kontot har kopplats från.',
    other: 'Kontot behöver uppmärksamhet. Anslut det igen så att det fortsätter att fungera.',
  },
};
