import type { Messages } from './en';

export const es: Messages = {
  common: {
    language: 'Idioma',
    change_language: 'Cambiar',
    back: 'Volver',
    powered_by: 'Con la tecnología de Switchboard',
    logo_alt: 'Logotipo',
    user_logo_alt: 'Foto de perfil',
    try_again: 'Intentar de nuevo',
    back_to_platforms: 'Volver a las plataformas',
    error_code: 'Código de error: {{code}}',
    link_expired_title: 'Este enlace ha caducado',
    link_expired_body:
      'Los enlaces a esta página funcionan durante un tiempo limitado. Vuelve a la aplicación que te trajo aquí y abre la página de nuevo.',
    link_invalid_title: 'Este enlace no funciona',
    link_invalid_body:
      'El enlace está incompleto o se ha modificado. Vuelve a la aplicación que te trajo aquí y abre la página de nuevo.',
    refused_title: 'Se ha rechazado esta acción',
    refused_body:
      'La página estuvo abierta demasiado tiempo o viene de otro sitio. Vuelve a cargarla e inténtalo de nuevo.',
  },
  portal: {
    title: 'Conecta tus cuentas',
    intro: 'Elige una plataforma. Iniciarás sesión allí, aprobarás el acceso y volverás aquí.',
    platforms: 'Plataformas',
    connect: 'Conectar {{platform}}',
    before: 'Antes de empezar',
    remaining: 'Cuentas que aún puedes conectar con este enlace: {{count}}',
    none_left: 'Este enlace ya ha conectado todas las cuentas que permite.',
  },
  requirement: {
    FACEBOOK:
      'Facebook conecta páginas, no perfiles personales. Necesitas una página en la que tengas control total o la tarea de crear contenido.',
    INSTAGRAM:
      'Requiere una cuenta profesional de Instagram (empresa o creador) vinculada a una página de Facebook que administres. Inicias sesión con Facebook.',
    INSTAGRAM_LOGIN:
      'Requiere una cuenta profesional de Instagram (empresa o creador). Las cuentas personales no se pueden conectar; cambia antes el tipo de cuenta en la aplicación de Instagram.',
    THREADS: 'Inicia sesión con la cuenta de Instagram que usa tu perfil de Threads.',
    LINKEDIN: 'Conecta tu perfil personal de LinkedIn.',
    LINKEDIN_PAGE:
      'Conecta una página de LinkedIn. Debes ser administrador de la organización en LinkedIn.',
    TIKTOK:
      'Conecta una cuenta normal de TikTok. Las cuentas de TikTok Business se conectan aparte.',
    TIKTOK_BUSINESS:
      'Requiere una cuenta de TikTok Business. Es distinta de una cuenta normal de TikTok y se conecta por separado.',
    YOUTUBE: 'Requiere un canal de YouTube en la cuenta de Google con la que inicias sesión.',
    GOOGLE_BUSINESS:
      'Requiere una ubicación verificada del Perfil de Empresa de Google que poseas o administres.',
    PINTEREST:
      'Requiere una cuenta de empresa de Pinterest con al menos un tablero. Convierte antes una cuenta personal en la configuración de Pinterest.',
    DISCORD: 'Debes poder administrar el servidor de Discord al que añades la aplicación.',
    SLACK: 'Debes poder instalar aplicaciones en el espacio de trabajo de Slack.',
    generic: 'Iniciarás sesión en {{platform}} y aprobarás el acceso.',
  },
  outcome: {
    success_title: 'Cuenta de {{platform}} conectada',
    success_body: 'La conexión funciona. Puedes volver a la aplicación o conectar otra cuenta.',
    connect_more: 'Conectar otra cuenta',
    modal_title: 'Cuenta conectada',
    modal_body: '¿Quieres conectar otra cuenta o volver?',
    denied_title: 'No se aprobó el acceso',
    denied_body:
      'Pulsaste Cancelar en {{platform}}, así que no se conectó nada. Inténtalo de nuevo y aprueba el acceso cuando {{platform}} lo pida.',
    invalid_state_title: 'La sesión de inicio terminó',
    invalid_state_body:
      'Ocurre cuando el inicio de sesión tardó demasiado, se terminó en otro navegador o ya se había usado. Vuelve a empezar desde esta página.',
    limit_reached_title: 'No se pueden conectar más cuentas',
    limit_reached_body:
      'Se ha alcanzado el número de cuentas de {{platform}} permitido aquí. Desconecta una que ya no necesites o pregunta al equipo que te envió aquí.',
    permissions_title: 'No se concedieron algunos permisos',
    permissions_body:
      '{{platform}} necesita todos los permisos que solicita. Inténtalo de nuevo y deja todas las opciones marcadas.',
    permissions_missing: 'Faltan: {{missing}}',
    no_channels_title: 'No se encontró nada que conectar',
    no_channels_body:
      'Este inicio de sesión de {{platform}} no da acceso a nada que se pueda conectar.',
    error_title: 'La conexión no funcionó',
    error_body:
      '{{platform}} no completó la conexión. Inténtalo de nuevo en un momento; si sigue fallando, contacta con el equipo que te envió aquí.',
  },
  select: {
    title: 'Elige qué conectar',
    intro: 'Tu inicio de sesión de {{platform}} da acceso a lo siguiente. Elige qué conectar.',
    submit: 'Conectar',
    not_eligible: 'No se puede conectar',
    expired: 'Esta elección ha caducado. Vuelve a conectar la plataforma.',
    choose_one: 'Elige al menos uno.',
  },
  accounts: {
    title: 'Tus cuentas conectadas',
    empty: 'Todavía no hay cuentas conectadas.',
    connected_on: 'Conectada: {{date}}',
    last_refresh: 'Última renovación: {{date}}',
    never_refreshed: 'Aún no se ha renovado',
    access_ends: 'El acceso termina: {{date}}',
    main: 'Cuenta principal',
    set_main: 'Hacer principal',
    reconnect: 'Volver a conectar',
    disconnect: 'Desconectar',
    confirm_title: '¿Desconectar {{account}}?',
    confirm_body:
      'La aplicación ya no podrá usar esta cuenta de {{platform}}. Podrás volver a conectarla más adelante.',
    confirm_yes: 'Sí, desconectar',
    confirm_no: 'Cancelar',
    done_disconnected: '{{account}} se ha desconectado.',
    done_main: '{{account}} es ahora la cuenta principal de {{platform}}.',
    done_reconnected: '{{account}} vuelve a estar conectada.',
    reconnect_failed:
      'No se pudo volver a conectar. Inténtalo otra vez e inicia sesión con la misma cuenta de {{platform}}.',
    on_hold:
      'Esta cuenta todavía está en uso ({{reason}}), así que no se puede desconectar aquí. Pregunta a tu equipo.',
    notices: 'Notificaciones',
    no_notices: 'No hay notificaciones.',
    live: 'Esta página se actualiza sola.',
  },
  status: {
    ACTIVE: 'Activa',
    EXPIRING: 'A punto de caducar',
    EXPIRED: 'Caducada',
    ERROR: 'Error',
    DISCONNECTED: 'Desconectada',
  },
  reason: {
    reauth_required:
      '{{platform}} ya no acepta la conexión. Vuelve a conectarla para seguir usándola.',
    permission_lost:
      '{{platform}} ya no concede un permiso que la conexión necesita, por ejemplo tras retirar un rol. Vuelve a conectar y aprueba todos los permisos.',
    transient_exhausted:
      'No se pudo contactar con {{platform}} durante mucho tiempo y la conexión caducó. Vuelve a conectar para restablecerla.',
    not_refreshable:
      '{{platform}} no permite que esta conexión se renueve sola. Vuelve a conectar antes de que termine el acceso.',
    refresh_failing:
      'La renovación de la conexión con {{platform}} sigue fallando. Vuelve a conectar antes de que termine el acceso.',
    refresh_token_end_of_life:
      'La conexión alcanza el tiempo máximo que permite {{platform}}. Vuelve a conectar antes de que termine el acceso.',
    revoked_by_user:
      'Se retiró el acceso en {{platform}}. Vuelve a conectar para usar de nuevo esta cuenta.',
    disconnected_by_team: 'Esta cuenta se ha desconectado.',
    other: 'Esta cuenta necesita atención. Vuelve a conectarla para que siga funcionando.',
  },
};
