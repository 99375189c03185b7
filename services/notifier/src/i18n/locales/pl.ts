import type { Messages } from './en';

export const pl: Messages = {
  common: {
    greeting_named: 'Cześć {{name}},',
    greeting: 'Dzień dobry,',
    reconnect_button: 'Połącz ponownie {{account}}',
    link_valid_until: 'Ten link działa do {{date}}.',
    footer:
      'Otrzymujesz tę wiadomość, ponieważ należysz do zespołu, który korzysta z tego konta. W ustawieniach powiadomień możesz wybrać, jakie powiadomienia otrzymujesz.',
    todo_reconnect:
      'Połącz konto ponownie, aby dalej publikować i odczytywać z niego dane. To zajmie minutę: zaloguj się do {{platform}} i ponownie zatwierdź dostęp.',
  },
  token_expiring: {
    title: 'Twoje konto {{platform}} {{account}} zostanie rozłączone {{when}}',
    cause_not_refreshable:
      '{{platform}} nie pozwala temu połączeniu odnawiać się samodzielnie, więc dostęp wygaśnie {{date}}.',
    cause_refresh_failing:
      'Odnawianie połączenia z {{platform}} stale się nie udaje, a dostęp wygaśnie {{date}}.',
    cause_refresh_token_end_of_life:
      'Połączenie osiąga maksymalny czas życia dozwolony przez {{platform}} i wygaśnie {{date}}.',
    todo: 'Połącz konto ponownie przed tym terminem, aby nic nie przestało działać.',
  },
  refresh_failed: {
    title: 'Twoje konto {{platform}} {{account}} wymaga ponownego połączenia',
    reason_reauth_required:
      '{{platform}} nie akceptuje już połączenia: dostęp został cofnięty lub wygasł.',
    reason_permission_lost:
      '{{platform}} nie przyznaje już wszystkich uprawnień potrzebnych temu połączeniu.',
    reason_permission_lost_scopes: '{{platform}} nie przyznaje już tych uprawnień: {{scopes}}.',
    reason_transient_exhausted: '{{platform}} był niedostępny tak długo, że połączenie wygasło.',
  },
  disconnected: {
    title_provider: 'Dostęp do Twojego konta {{platform}} {{account}} został cofnięty',
    body_provider: 'Konto zostało odłączone po stronie {{platform}} i nie można go już używać.',
    title_team: 'Konto {{platform}} {{account}} zostało odłączone',
    body_team: 'Twój zespół odłączył to konto. Nic więcej nie trzeba robić.',
  },
  connect_failed: {
    title_reconnect: 'Ponowne połączenie konta {{platform}} {{account}} nie powiodło się',
    title_new: 'Połączenie konta {{platform}} nie powiodło się',
    reason_denied: 'Dostęp nie został zatwierdzony w {{platform}}.',
    reason_permissions: 'Nie przyznano niektórych uprawnień: {{scopes}}.',
    reason_mismatch:
      'Zalogowano się na inne konto {{platform}} niż to, które jest ponownie łączone.',
    reason_other: '{{platform}} nie dokończył połączenia (kod: {{code}}).',
    todo_reconnect: 'Spróbuj ponownie za pomocą poniższego linku i zaloguj się na to samo konto.',
    todo_new: 'Spróbuj połączyć konto jeszcze raz.',
  },
  reconnected: {
    title: 'Twoje konto {{platform}} {{account}} jest znowu połączone',
    body: 'Połączenie znowu działa. Nie będzie już przypomnień na ten temat.',
  },
  reminder: {
    title: 'Przypomnienie: Twoje konto {{platform}} {{account}} nadal wymaga ponownego połączenia',
    body: 'Konto nie działa od {{date}}.',
  },
  webhook_disabled: {
    title: 'Webhook został wyłączony: {{host}}',
    body: 'Dostarczanie do {{url}} nie udaje się od {{date}}, więc subskrypcja została wyłączona.',
    todo: 'Napraw punkt docelowy, a następnie ponownie włącz webhook.',
  },
};
