import type { Messages } from './en';

export const pt: Messages = {
  common: {
    greeting_named: 'Olá, {{name}},',
    greeting: 'Olá,',
    reconnect_button: 'Reconectar {{account}}',
    link_valid_until: 'Este link funciona até {{date}}.',
    footer:
      'Você recebe este e-mail porque é membro da equipe que usa esta conta. Você pode escolher quais notificações recebe nas suas preferências de notificação.',
    todo_reconnect:
      'Reconecte a conta para continuar publicando e lendo dados dela. Leva um minuto: entre no {{platform}} e autorize o acesso novamente.',
  },
  token_expiring: {
    title: 'Sua conta do {{platform}} {{account}} será desconectada {{when}}',
    cause_not_refreshable:
      'O {{platform}} não permite que esta conexão se renove sozinha, por isso o acesso termina em {{date}}.',
    cause_refresh_failing:
      'A renovação da conexão com o {{platform}} continua falhando, e o acesso termina em {{date}}.',
    cause_refresh_token_end_of_life:
      'A conexão atinge a duração máxima permitida pelo {{platform}} e termina em {{date}}.',
    todo: 'Reconecte a conta antes disso para que nada pare de funcionar.',
  },
  refresh_failed: {
    title: 'Sua conta do {{platform}} {{account}} precisa ser reconectada',
    reason_reauth_required:
      'O {{platform}} não aceita mais a conexão: o acesso foi retirado ou expirou.',
    reason_permission_lost:
      'O {{platform}} não concede mais todas as permissões de que esta conexão precisa.',
    reason_permission_lost_scopes: 'O {{platform}} não concede mais estas permissões: {{scopes}}.',
    reason_transient_exhausted:
      'O {{platform}} ficou inacessível por tanto tempo que a conexão expirou.',
  },
  disconnected: {
    title_provider: 'O acesso à sua conta do {{platform}} {{account}} foi retirado',
    body_provider: 'A conta foi desconectada pelo lado do {{platform}} e não pode mais ser usada.',
    title_team: 'A conta do {{platform}} {{account}} foi desconectada',
    body_team: 'Sua equipe desconectou esta conta. Não é preciso fazer mais nada.',
  },
  connect_failed: {
    title_reconnect: 'Não foi possível reconectar sua conta do {{platform}} {{account}}',
    title_new: 'Não foi possível conectar uma conta do {{platform}}',
    reason_denied: 'O acesso não foi autorizado no {{platform}}.',
    reason_permissions: 'Algumas permissões não foram concedidas: {{scopes}}.',
    reason_mismatch:
      'Foi feito login com uma conta do {{platform}} diferente da que estava sendo reconectada.',
    reason_other: 'O {{platform}} não concluiu a conexão (código: {{code}}).',
    todo_reconnect: 'Tente novamente com o link abaixo e entre com a mesma conta.',
    todo_new: 'Tente conectar a conta novamente.',
  },
  reconnected: {
    title: 'Sua conta do {{platform}} {{account}} está conectada novamente',
    body: 'A conexão voltou a funcionar. Você não receberá mais lembretes sobre ela.',
  },
  reminder: {
    title: 'Lembrete: sua conta do {{platform}} {{account}} ainda precisa ser reconectada',
    body: 'A conta não pode ser usada desde {{date}}.',
  },
  webhook_disabled: {
    title: 'Um webhook foi desativado: {{host}}',
    body: 'As entregas para {{url}} falham desde {{date}}, por isso a assinatura foi desativada.',
    todo: 'Corrija o endpoint e depois ative o webhook novamente.',
  },
};
