import type { Messages } from './en';

export const pl: Messages = {
  common: {
    language: 'Język',
    change_language: 'Zmień',
    back: 'Wróć',
    powered_by: 'Działa dzięki Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Zdjęcie profilowe',
    try_again: 'Spróbuj ponownie',
    back_to_platforms: 'Wróć do listy platform',
    error_code: 'Kod błędu: {{code}}',
    link_expired_title: 'Ten link wygasł',
    link_expired_body:
      'Linki do tej strony działają przez ograniczony czas. Wróć do aplikacji, z której tu trafiłeś, i otwórz stronę ponownie.',
    link_invalid_title: 'Ten link nie działa',
    link_invalid_body:
      'Link jest niepełny lub został zmieniony. Wróć do aplikacji, z której tu trafiłeś, i otwórz stronę ponownie.',
    refused_title: 'Ta czynność została odrzucona',
    refused_body:
      'Strona była otwarta zbyt długo lub pochodzi z innej witryny. Odśwież ją i spróbuj ponownie.',
  },
  portal: {
    title: 'Połącz swoje konta',
    intro: 'Wybierz platformę. Zalogujesz się tam, zatwierdzisz dostęp i wrócisz tutaj.',
    platforms: 'Platformy',
    connect: 'Połącz: {{platform}}',
    before: 'Zanim zaczniesz',
    remaining: 'Liczba kont, które możesz jeszcze połączyć przez ten link: {{count}}',
    none_left: 'Przez ten link połączono już tyle kont, ile jest dozwolone.',
  },
  requirement: {
    FACEBOOK:
      'Facebook łączy strony, a nie profile osobiste. Potrzebujesz strony, nad którą masz pełną kontrolę lub uprawnienie do tworzenia treści.',
    INSTAGRAM:
      'Wymaga profesjonalnego konta Instagram (firmowego lub twórcy) powiązanego ze stroną na Facebooku, którą zarządzasz. Logujesz się przez Facebooka.',
    INSTAGRAM_LOGIN:
      'Wymaga profesjonalnego konta Instagram (firmowego lub twórcy). Kont osobistych nie można połączyć; najpierw zmień typ konta w aplikacji Instagram.',
    THREADS: 'Zaloguj się na konto Instagram, z którego korzysta Twój profil Threads.',
    LINKEDIN: 'Łączy Twój osobisty profil LinkedIn.',
    LINKEDIN_PAGE: 'Łączy stronę LinkedIn. Musisz być administratorem tej organizacji w LinkedIn.',
    TIKTOK: 'Łączy zwykłe konto TikTok. Konta TikTok Business łączy się osobno.',
    TIKTOK_BUSINESS:
      'Wymaga konta TikTok Business. Jest ono oddzielne od zwykłego konta TikTok i łączy się je osobno.',
    YOUTUBE: 'Wymaga kanału YouTube na koncie Google, na które się logujesz.',
    GOOGLE_BUSINESS:
      'Wymaga zweryfikowanej lokalizacji w Profilu Firmy w Google, której jesteś właścicielem lub którą zarządzasz.',
    PINTEREST:
      'Wymaga konta firmowego Pinterest z co najmniej jedną tablicą. Najpierw przekształć konto osobiste w ustawieniach Pinteresta.',
    DISCORD:
      'Musisz mieć uprawnienia do zarządzania serwerem Discord, do którego dodajesz aplikację.',
    SLACK: 'Musisz mieć uprawnienia do instalowania aplikacji w obszarze roboczym Slack.',
    generic: 'Zalogujesz się w {{platform}} i zatwierdzisz dostęp.',
  },
  outcome: {
    success_title: 'Połączono konto {{platform}}',
    success_body: 'Połączenie działa. Możesz wrócić do aplikacji albo połączyć kolejne konto.',
    connect_more: 'Połącz kolejne konto',
    modal_title: 'Konto połączone',
    modal_body: 'Chcesz połączyć kolejne konto czy wrócić?',
    denied_title: 'Dostęp nie został zatwierdzony',
    denied_body:
      'Kliknięto Anuluj w {{platform}}, więc nic nie zostało połączone. Spróbuj ponownie i zatwierdź dostęp, gdy {{platform}} o to poprosi.',
    invalid_state_title: 'Sesja logowania wygasła',
    invalid_state_body:
      'Tak się dzieje, gdy logowanie trwało zbyt długo, zostało dokończone w innej przeglądarce lub zostało już użyte. Zacznij ponownie z tej strony.',
    limit_reached_title: 'Nie można połączyć więcej kont',
    limit_reached_body:
      'Osiągnięto dozwoloną liczbę kont {{platform}}. Odłącz konto, którego już nie potrzebujesz, lub zapytaj zespół, który Cię tu skierował.',
    permissions_title: 'Nie przyznano wszystkich uprawnień',
    permissions_body:
      '{{platform}} potrzebuje wszystkich uprawnień, o które prosi. Spróbuj ponownie i pozostaw zaznaczone wszystkie opcje.',
    permissions_missing: 'Brakuje: {{missing}}',
    no_channels_title: 'Nie znaleziono niczego do połączenia',
    no_channels_body: 'To logowanie w {{platform}} nie daje dostępu do niczego, co można połączyć.',
    error_title: 'Połączenie nie powiodło się',
    error_body:
      '{{platform}} nie dokończył połączenia. Spróbuj ponownie za chwilę; jeśli problem się powtarza, skontaktuj się z zespołem, który Cię tu skierował.',
  },
  select: {
    title: 'Wybierz, co połączyć',
    intro:
      'Twoje logowanie w {{platform}} daje dostęp do poniższych pozycji. Wybierz, co połączyć.',
    submit: 'Połącz',
    not_eligible: 'Nie można połączyć',
    expired: 'Czas na wybór minął. Połącz platformę ponownie.',
    choose_one: 'Wybierz co najmniej jedną pozycję.',
  },
  accounts: {
    title: 'Twoje połączone konta',
    empty: 'Nie połączono jeszcze żadnych kont.',
    connected_on: 'Połączono: {{date}}',
    last_refresh: 'Ostatnie odświeżenie: {{date}}',
    never_refreshed: 'Jeszcze nie odświeżano',
    access_ends: 'Dostęp wygasa: {{date}}',
    main: 'Konto główne',
    set_main: 'Ustaw jako główne',
    reconnect: 'Połącz ponownie',
    disconnect: 'Odłącz',
    confirm_title: 'Odłączyć {{account}}?',
    confirm_body:
      'Aplikacja nie będzie mogła dłużej korzystać z tego konta {{platform}}. Możesz połączyć je ponownie później.',
    confirm_yes: 'Tak, odłącz',
    confirm_no: 'Anuluj',
    done_disconnected: 'Konto {{account}} zostało odłączone.',
    done_main: '{{account}} jest teraz głównym kontem {{platform}}.',
    done_reconnected: 'Konto {{account}} jest ponownie połączone.',
    reconnect_failed:
      'Ponowne połączenie nie powiodło się. Spróbuj jeszcze raz i zaloguj się na to samo konto {{platform}}.',
    on_hold:
      'To konto jest nadal używane ({{reason}}), więc nie można go tutaj odłączyć. Zapytaj swój zespół.',
    notices: 'Powiadomienia',
    no_notices: 'Brak powiadomień.',
    live: 'Ta strona odświeża się sama.',
  },
  status: {
    ACTIVE: 'Aktywne',
    EXPIRING: 'Wygasa',
    EXPIRED: 'Wygasło',
    ERROR: 'Błąd',
    DISCONNECTED: 'Odłączone',
  },
  reason: {
    reauth_required:
      '{{platform}} nie akceptuje już połączenia. Połącz ponownie, aby dalej z niego korzystać.',
    permission_lost:
      '{{platform}} nie przyznaje już uprawnienia potrzebnego do połączenia, na przykład po odebraniu roli. Połącz ponownie i zatwierdź wszystkie uprawnienia.',
    transient_exhausted:
      '{{platform}} był długo niedostępny i połączenie wygasło. Połącz ponownie, aby je przywrócić.',
    not_refreshable:
      '{{platform}} nie pozwala temu połączeniu odnowić się samodzielnie. Połącz ponownie, zanim dostęp wygaśnie.',
    refresh_failing:
      'Odnawianie połączenia z {{platform}} wciąż się nie udaje. Połącz ponownie, zanim dostęp wygaśnie.',
    refresh_token_end_of_life:
      'Połączenie osiąga najdłuższy czas, na jaki pozwala {{platform}}. Połącz ponownie, zanim dostęp wygaśnie.',
    revoked_by_user:
      'Dostęp został cofnięty w {{platform}}. Połącz ponownie, aby znów korzystać z tego konta.',
    disconnected_by_team: 'To konto zostało odłączone.',
    other: 'To konto wymaga uwagi. Połącz je ponownie, aby nadal działało.',
  },
};
