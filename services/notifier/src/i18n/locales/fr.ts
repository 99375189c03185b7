import type { Messages } from './en';

export const fr: Messages = {
  common: {
    greeting_named: 'Bonjour {{name}},',
    greeting: 'Bonjour,',
    reconnect_button: 'Reconnecter {{account}}',
    link_valid_until: 'Ce lien est valable jusqu’au {{date}}.',
    footer:
      'Vous recevez cet e-mail parce que vous êtes membre de l’équipe qui utilise ce compte. Vous pouvez choisir les notifications que vous recevez dans vos préférences de notification.',
    todo_reconnect:
      'Reconnectez le compte pour continuer à publier et à lire ses données. Cela prend une minute : connectez-vous à {{platform}} et autorisez de nouveau l’accès.',
  },
  token_expiring: {
    title: 'Votre compte {{platform}} {{account}} sera déconnecté {{when}}',
    cause_not_refreshable:
      '{{platform}} ne permet pas à cette connexion de se renouveler d’elle-même : l’accès prend fin le {{date}}.',
    cause_refresh_failing:
      'Le renouvellement de la connexion avec {{platform}} échoue sans cesse, et l’accès prend fin le {{date}}.',
    cause_refresh_token_end_of_life:
      'La connexion atteint la durée maximale autorisée par {{platform}} et prend fin le {{date}}.',
    todo: 'Reconnectez le compte avant cette date pour que rien ne cesse de fonctionner.',
  },
  refresh_failed: {
    title: 'Votre compte {{platform}} {{account}} doit être reconnecté',
    reason_reauth_required:
      '{{platform}} n’accepte plus la connexion : l’accès a été retiré ou a expiré.',
    reason_permission_lost:
      '{{platform}} n’accorde plus toutes les autorisations nécessaires à cette connexion.',
    reason_permission_lost_scopes: '{{platform}} n’accorde plus ces autorisations : {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} est resté injoignable si longtemps que la connexion a expiré.',
  },
  disconnected: {
    title_provider: 'L’accès à votre compte {{platform}} {{account}} a été retiré',
    body_provider:
      'Le compte a été déconnecté du côté de {{platform}} et ne peut plus être utilisé.',
    title_team: 'Le compte {{platform}} {{account}} a été déconnecté',
    body_team: 'Votre équipe a déconnecté ce compte. Aucune autre action n’est nécessaire.',
  },
  connect_failed: {
    title_reconnect: 'La reconnexion de votre compte {{platform}} {{account}} n’a pas abouti',
    title_new: 'La connexion d’un compte {{platform}} n’a pas abouti',
    reason_denied: 'L’accès n’a pas été autorisé sur {{platform}}.',
    reason_permissions: 'Certaines autorisations n’ont pas été accordées : {{scopes}}.',
    reason_mismatch:
      'Un autre compte {{platform}} que celui à reconnecter a été utilisé pour se connecter.',
    reason_other: '{{platform}} n’a pas finalisé la connexion (code : {{code}}).',
    todo_reconnect: 'Réessayez avec le lien ci-dessous et connectez-vous avec le même compte.',
    todo_new: 'Essayez de connecter le compte à nouveau.',
  },
  reconnected: {
    title: 'Votre compte {{platform}} {{account}} est de nouveau connecté',
    body: 'La connexion fonctionne à nouveau. Vous ne recevrez plus de rappels à ce sujet.',
  },
  reminder: {
    title: 'Rappel : votre compte {{platform}} {{account}} doit toujours être reconnecté',
    body: 'Le compte est inutilisable depuis le {{date}}.',
  },
  webhook_disabled: {
    title: 'Un webhook a été désactivé : {{host}}',
    body: 'Les envois vers {{url}} échouent depuis le {{date}} ; l’abonnement a donc été désactivé.',
    todo: 'Corrigez le point de terminaison, puis réactivez le webhook.',
  },
};
