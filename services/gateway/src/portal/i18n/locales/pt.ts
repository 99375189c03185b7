import type { Messages } from './en';

export const pt: Messages = {
  common: {
    language: 'Idioma',
    change_language: 'Alterar',
    back: 'Voltar',
    powered_by: 'Com tecnologia Switchboard',
    logo_alt: 'Logotipo',
    user_logo_alt: 'Foto do perfil',
    try_again: 'Tentar novamente',
    back_to_platforms: 'Voltar às plataformas',
    error_code: 'Código do erro: {{code}}',
    link_expired_title: 'Este link expirou',
    link_expired_body:
      'Os links para esta página funcionam por tempo limitado. Volte ao aplicativo que trouxe você até aqui e abra a página novamente.',
    link_invalid_title: 'Este link não funciona',
    link_invalid_body:
      'O link está incompleto ou foi alterado. Volte ao aplicativo que trouxe você até aqui e abra a página novamente.',
    refused_title: 'Esta ação foi recusada',
    refused_body:
      'A página ficou aberta por tempo demais ou veio de outro site. Recarregue-a e tente novamente.',
  },
  portal: {
    title: 'Conecte suas contas',
    intro: 'Escolha uma plataforma. Você vai entrar nela, aprovar o acesso e voltar para cá.',
    platforms: 'Plataformas',
    connect: 'Conectar {{platform}}',
    before: 'Antes de começar',
    remaining: 'Contas que você ainda pode conectar com este link: {{count}}',
    none_left: 'Este link já conectou todas as contas que permite.',
  },
  requirement: {
    FACEBOOK:
      'O Facebook conecta Páginas, não perfis pessoais. Você precisa de uma Página na qual tenha controle total ou a tarefa de criar conteúdo.',
    INSTAGRAM:
      'Requer uma conta profissional do Instagram (empresa ou criador) vinculada a uma Página do Facebook que você gerencia. Você entra com o Facebook.',
    INSTAGRAM_LOGIN:
      'Requer uma conta profissional do Instagram (empresa ou criador). Contas pessoais não podem ser conectadas; mude antes o tipo de conta no aplicativo do Instagram.',
    THREADS: 'Entre com a conta do Instagram usada pelo seu perfil do Threads.',
    LINKEDIN: 'Conecta seu perfil pessoal do LinkedIn.',
    LINKEDIN_PAGE:
      'Conecta uma Página do LinkedIn. Você precisa ser administrador da organização no LinkedIn.',
    TIKTOK:
      'Conecta uma conta comum do TikTok. Contas do TikTok Business são conectadas separadamente.',
    TIKTOK_BUSINESS:
      'Requer uma conta do TikTok Business. Ela é separada de uma conta comum do TikTok e é conectada à parte.',
    YOUTUBE: 'Requer um canal do YouTube na conta do Google com que você entra.',
    GOOGLE_BUSINESS:
      'Requer um local verificado no Perfil da Empresa no Google do qual você seja proprietário ou administrador.',
    PINTEREST:
      'Requer uma conta comercial do Pinterest com pelo menos uma pasta. Converta antes uma conta pessoal nas configurações do Pinterest.',
    DISCORD: 'Você precisa poder gerenciar o servidor do Discord ao qual adiciona o aplicativo.',
    SLACK: 'Você precisa poder instalar aplicativos no workspace do Slack.',
    generic: 'Você vai entrar no {{platform}} e aprovar o acesso.',
  },
  outcome: {
    success_title: 'Conta do {{platform}} conectada',
    success_body:
      'A conexão está funcionando. Você pode voltar ao aplicativo ou conectar outra conta.',
    connect_more: 'Conectar outra conta',
    modal_title: 'Conta conectada',
    modal_body: 'Deseja conectar outra conta ou voltar?',
    denied_title: 'O acesso não foi aprovado',
    denied_body:
      'Você tocou em Cancelar no {{platform}}, então nada foi conectado. Tente novamente e aprove o acesso quando o {{platform}} pedir.',
    invalid_state_title: 'A sessão de login terminou',
    invalid_state_body:
      'Isso acontece quando o login demorou demais, foi concluído em outro navegador ou já tinha sido usado. Comece de novo nesta página.',
    limit_reached_title: 'Não é possível conectar mais contas',
    limit_reached_body:
      'O número de contas do {{platform}} permitido aqui foi atingido. Desconecte uma conta de que não precisa mais ou fale com a equipe que trouxe você até aqui.',
    permissions_title: 'Algumas permissões não foram concedidas',
    permissions_body:
      'O {{platform}} precisa de todas as permissões que solicita. Tente novamente e deixe todas as opções marcadas.',
    permissions_missing: 'Faltando: {{missing}}',
    no_channels_title: 'Nada para conectar foi encontrado',
    no_channels_body: 'Este login do {{platform}} não dá acesso a nada que possa ser conectado.',
    error_title: 'A conexão não funcionou',
    error_body:
      'O {{platform}} não concluiu a conexão. Tente novamente daqui a pouco; se continuar falhando, fale com a equipe que trouxe você até aqui.',
  },
  select: {
    title: 'Escolha o que conectar',
    intro: 'Seu login do {{platform}} dá acesso ao seguinte. Escolha o que conectar.',
    submit: 'Conectar',
    not_eligible: 'Não pode ser conectado',
    expired: 'Esta escolha expirou. Conecte a plataforma novamente.',
    choose_one: 'Escolha pelo menos um.',
  },
  accounts: {
    title: 'Suas contas conectadas',
    empty: 'Nenhuma conta conectada ainda.',
    connected_on: 'Conectada em: {{date}}',
    last_refresh: 'Última renovação: {{date}}',
    never_refreshed: 'Ainda não renovada',
    access_ends: 'O acesso termina em: {{date}}',
    main: 'Conta principal',
    set_main: 'Tornar principal',
    reconnect: 'Reconectar',
    disconnect: 'Desconectar',
    confirm_title: 'Desconectar {{account}}?',
    confirm_body:
      'O aplicativo não poderá mais usar esta conta do {{platform}}. Você pode conectá-la novamente mais tarde.',
    confirm_yes: 'Sim, desconectar',
    confirm_no: 'Cancelar',
    done_disconnected: '{{account}} foi desconectada.',
    done_main: '{{account}} agora é a conta principal do {{platform}}.',
    done_reconnected: '{{account}} está conectada novamente.',
    reconnect_failed:
      'Não foi possível reconectar. Tente novamente e entre com a mesma conta do {{platform}}.',
    on_hold:
      'Esta conta ainda está em uso ({{reason}}), por isso não pode ser desconectada aqui. Fale com a sua equipe.',
    notices: 'Notificações',
    no_notices: 'Nenhuma notificação.',
    live: 'Esta página se atualiza sozinha.',
  },
  status: {
    ACTIVE: 'Ativa',
    EXPIRING: 'Expirando',
    EXPIRED: 'Expirada',
    ERROR: 'Erro',
    DISCONNECTED: 'Desconectada',
  },
  reason: {
    reauth_required:
      'O {{platform}} não aceita mais a conexão. Reconecte para continuar usando a conta.',
    permission_lost:
      'O {{platform}} não concede mais uma permissão de que a conexão precisa, por exemplo depois que uma função foi removida. Reconecte e aprove todas as permissões.',
    transient_exhausted:
      'O {{platform}} ficou inacessível por muito tempo e a conexão expirou. Reconecte para restaurá-la.',
    not_refreshable:
      'O {{platform}} não permite que esta conexão se renove sozinha. Reconecte antes que o acesso termine.',
    refresh_failing:
      'A renovação da conexão com o {{platform}} continua falhando. Reconecte antes que o acesso termine.',
    refresh_token_end_of_life:
      'A conexão atinge o tempo máximo que o {{platform}} permite. Reconecte antes que o acesso termine.',
    revoked_by_user:
      'O acesso foi retirado no {{platform}}. Reconecte para usar esta conta novamente.',
    disconnected_by_team: 'Esta conta foi desconectada.',
    other: 'Esta conta precisa de atenção. Reconecte-a para que continue funcionando.',
  },
};
