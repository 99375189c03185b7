import type { Messages } from './en';

export const es: Messages = {
  common: {
    greeting_named: 'Hola, {{name}}:',
    greeting: 'Hola:',
    reconnect_button: 'Volver a conectar {{account}}',
    link_valid_until: 'Este enlace funciona hasta el {{date}}.',
    footer:
      'Recibes este correo porque eres miembro del equipo que usa esta cuenta. Puedes elegir qué notificaciones recibes en tus preferencias de notificación.',
    todo_reconnect:
      'Vuelve a conectar la cuenta para seguir publicando y leyendo datos de ella. Solo lleva un minuto: inicia sesión en {{platform}} y vuelve a autorizar el acceso.',
  },
  token_expiring: {
    title: 'Tu cuenta de {{platform}} {{account}} se desconectará {{when}}',
    cause_not_refreshable:
      '{{platform}} no permite que esta conexión se renueve sola, así que el acceso termina el {{date}}.',
    cause_refresh_failing:
      'La renovación de la conexión con {{platform}} falla una y otra vez, y el acceso termina el {{date}}.',
    cause_refresh_token_end_of_life:
      'La conexión alcanza la duración máxima que permite {{platform}} y termina el {{date}}.',
    todo: 'Vuelve a conectar la cuenta antes de esa fecha para que nada deje de funcionar.',
  },
  refresh_failed: {
    title: 'Tu cuenta de {{platform}} {{account}} debe volver a conectarse',
    reason_reauth_required: '{{platform}} ya no acepta la conexión: el acceso se retiró o caducó.',
    reason_permission_lost:
      '{{platform}} ya no concede todos los permisos que necesita esta conexión.',
    reason_permission_lost_scopes: '{{platform}} ya no concede estos permisos: {{scopes}}.',
    reason_transient_exhausted:
      'No se pudo contactar con {{platform}} durante tanto tiempo que la conexión caducó.',
  },
  disconnected: {
    title_provider: 'Se retiró el acceso a tu cuenta de {{platform}} {{account}}',
    body_provider: 'La cuenta se desconectó desde {{platform}} y ya no se puede usar.',
    title_team: 'La cuenta de {{platform}} {{account}} se ha desconectado',
    body_team: 'Tu equipo desconectó esta cuenta. No hace falta hacer nada más.',
  },
  connect_failed: {
    title_reconnect: 'No se pudo volver a conectar tu cuenta de {{platform}} {{account}}',
    title_new: 'No se pudo conectar una cuenta de {{platform}}',
    reason_denied: 'No se autorizó el acceso en {{platform}}.',
    reason_permissions: 'No se concedieron algunos permisos: {{scopes}}.',
    reason_mismatch:
      'Se inició sesión con una cuenta de {{platform}} distinta de la que se estaba volviendo a conectar.',
    reason_other: '{{platform}} no completó la conexión (código: {{code}}).',
    todo_reconnect:
      'Inténtalo de nuevo con el enlace de abajo e inicia sesión con la misma cuenta.',
    todo_new: 'Intenta conectar la cuenta de nuevo.',
  },
  reconnected: {
    title: 'Tu cuenta de {{platform}} {{account}} vuelve a estar conectada',
    body: 'La conexión vuelve a funcionar. No recibirás más recordatorios sobre ella.',
  },
  reminder: {
    title: 'Recordatorio: tu cuenta de {{platform}} {{account}} todavía debe volver a conectarse',
    body: 'La cuenta no se puede usar desde el {{date}}.',
  },
  webhook_disabled: {
    title: 'Se desactivó un webhook: {{host}}',
    body: 'Los envíos a {{url}} fallan desde el {{date}}, así que se desactivó la suscripción.',
    todo: 'Corrige el endpoint y vuelve a activar el webhook.',
  },
};
