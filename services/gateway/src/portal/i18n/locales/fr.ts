import type { Messages } from './en';

export const fr: Messages = {
  common: {
    language: 'Langue',
    change_language: 'Changer',
    back: 'Retour',
    powered_by: 'Propulsé par Switchboard',
    logo_alt: 'Logo',
    user_logo_alt: 'Photo de profil',
    try_again: 'Réessayer',
    back_to_platforms: 'Retour aux plateformes',
    error_code: 'Code d’erreur : {{code}}',
    link_expired_title: 'Ce lien a expiré',
    link_expired_body:
      'Les liens vers cette page sont valables pendant une durée limitée. Revenez à l’application qui vous a envoyé ici et rouvrez la page.',
    link_invalid_title: 'Ce lien ne fonctionne pas',
    link_invalid_body:
      'Le lien est incomplet ou a été modifié. Revenez à l’application qui vous a envoyé ici et rouvrez la page.',
    refused_title: 'Cette action a été refusée',
    refused_body:
      'La page est restée ouverte trop longtemps ou provient d’un autre site. Rechargez-la et réessayez.',
  },
  portal: {
    title: 'Connectez vos comptes',
    intro:
      'Choisissez une plateforme. Vous vous y connecterez, autoriserez l’accès, puis reviendrez ici.',
    platforms: 'Plateformes',
    connect: 'Connecter {{platform}}',
    before: 'Avant de commencer',
    remaining: 'Comptes que vous pouvez encore connecter avec ce lien : {{count}}',
    none_left: 'Ce lien a déjà connecté autant de comptes qu’il le permet.',
  },
  requirement: {
    FACEBOOK:
      'Facebook connecte des Pages, pas des profils personnels. Il vous faut une Page sur laquelle vous avez le contrôle total ou la tâche de création de contenu.',
    INSTAGRAM:
      'Nécessite un compte Instagram professionnel (entreprise ou créateur) lié à une Page Facebook que vous gérez. Vous vous connectez avec Facebook.',
    INSTAGRAM_LOGIN:
      'Nécessite un compte Instagram professionnel (entreprise ou créateur). Les comptes personnels ne peuvent pas être connectés ; changez d’abord le type de compte dans l’application Instagram.',
    THREADS: 'Connectez-vous avec le compte Instagram utilisé par votre profil Threads.',
    LINKEDIN: 'Connecte votre profil LinkedIn personnel.',
    LINKEDIN_PAGE:
      'Connecte une Page LinkedIn. Vous devez être administrateur de l’organisation sur LinkedIn.',
    TIKTOK:
      'Connecte un compte TikTok ordinaire. Les comptes TikTok Business se connectent séparément.',
    TIKTOK_BUSINESS:
      'Nécessite un compte TikTok Business. Il est distinct d’un compte TikTok ordinaire et se connecte à part.',
    YOUTUBE: 'Nécessite une chaîne YouTube sur le compte Google avec lequel vous vous connectez.',
    GOOGLE_BUSINESS:
      'Nécessite un établissement validé dans une fiche d’établissement Google dont vous êtes propriétaire ou gestionnaire.',
    PINTEREST:
      'Nécessite un compte professionnel Pinterest avec au moins un tableau. Convertissez d’abord un compte personnel dans les paramètres de Pinterest.',
    DISCORD: 'Vous devez pouvoir gérer le serveur Discord auquel vous ajoutez l’application.',
    SLACK: 'Vous devez pouvoir installer des applications dans l’espace de travail Slack.',
    generic: 'Vous vous connecterez à {{platform}} et autoriserez l’accès.',
  },
  outcome: {
    success_title: 'Compte {{platform}} connecté',
    success_body:
      'La connexion fonctionne. Vous pouvez revenir à l’application ou connecter un autre compte.',
    connect_more: 'Connecter un autre compte',
    modal_title: 'Compte connecté',
    modal_body: 'Voulez-vous connecter un autre compte ou revenir en arrière ?',
    denied_title: 'L’accès n’a pas été autorisé',
    denied_body:
      'Vous avez appuyé sur Annuler sur {{platform}}, rien n’a donc été connecté. Réessayez et autorisez l’accès lorsque {{platform}} le demande.',
    invalid_state_title: 'La session de connexion a pris fin',
    invalid_state_body:
      'Cela arrive lorsque la connexion a pris trop de temps, a été terminée dans un autre navigateur ou a déjà été utilisée. Recommencez depuis cette page.',
    limit_reached_title: 'Impossible de connecter d’autres comptes',
    limit_reached_body:
      'Le nombre de comptes {{platform}} autorisés ici est atteint. Déconnectez un compte dont vous n’avez plus besoin ou adressez-vous à l’équipe qui vous a envoyé ici.',
    permissions_title: 'Certaines autorisations n’ont pas été accordées',
    permissions_body:
      '{{platform}} a besoin de toutes les autorisations demandées. Réessayez en laissant toutes les options cochées.',
    permissions_missing: 'Manquantes : {{missing}}',
    no_channels_title: 'Rien à connecter n’a été trouvé',
    no_channels_body:
      'Cette connexion {{platform}} ne donne accès à rien qui puisse être connecté.',
    error_title: 'La connexion n’a pas abouti',
    error_body:
      '{{platform}} n’a pas terminé la connexion. Réessayez dans un instant ; si cela persiste, contactez l’équipe qui vous a envoyé ici.',
  },
  select: {
    title: 'Choisissez quoi connecter',
    intro:
      'Votre connexion {{platform}} donne accès aux éléments suivants. Choisissez ceux à connecter.',
    submit: 'Connecter',
    not_eligible: 'Ne peut pas être connecté',
    expired: 'Ce choix a expiré. Connectez à nouveau la plateforme.',
    choose_one: 'Choisissez au moins un élément.',
  },
  accounts: {
    title: 'Vos comptes connectés',
    empty: 'Aucun compte n’est encore connecté.',
    connected_on: 'Connecté le : {{date}}',
    last_refresh: 'Dernière actualisation : {{date}}',
    never_refreshed: 'Pas encore actualisé',
    access_ends: 'Fin de l’accès : {{date}}',
    main: 'Compte principal',
    set_main: 'Définir comme principal',
    reconnect: 'Reconnecter',
    disconnect: 'Déconnecter',
    confirm_title: 'Déconnecter {{account}} ?',
    confirm_body:
      'L’application ne pourra plus utiliser ce compte {{platform}}. Vous pourrez le connecter de nouveau plus tard.',
    confirm_yes: 'Oui, déconnecter',
    confirm_no: 'Annuler',
    done_disconnected: '{{account}} a été déconnecté.',
    done_main: '{{account}} est désormais le compte {{platform}} principal.',
    done_reconnected: '{{account}} est de nouveau connecté.',
    reconnect_failed:
      'La reconnexion n’a pas abouti. Réessayez et connectez-vous avec le même compte {{platform}}.',
    on_hold:
      'Ce compte est encore utilisé ({{reason}}) et ne peut donc pas être déconnecté ici. Adressez-vous à votre équipe.',
    notices: 'Notifications',
    no_notices: 'Aucune notification.',
    live: 'Cette page se met à jour toute seule.',
  },
  status: {
    ACTIVE: 'Actif',
    EXPIRING: 'Expire bientôt',
    EXPIRED: 'Expiré',
    ERROR: 'Erreur',
    DISCONNECTED: 'Déconnecté',
  },
  reason: {
    reauth_required:
      '{{platform}} n’accepte plus la connexion. Reconnectez le compte pour continuer à l’utiliser.',
    permission_lost:
      '{{platform}} n’accorde plus une autorisation dont la connexion a besoin, par exemple après le retrait d’un rôle. Reconnectez et autorisez toutes les permissions.',
    transient_exhausted:
      '{{platform}} est resté injoignable longtemps et la connexion a expiré. Reconnectez pour la rétablir.',
    not_refreshable:
      '{{platform}} ne permet pas à cette connexion de se renouveler seule. Reconnectez avant la fin de l’accès.',
    refresh_failing:
      'Le renouvellement de la connexion avec {{platform}} échoue sans cesse. Reconnectez avant la fin de l’accès.',
    refresh_token_end_of_life:
      'La connexion atteint la durée maximale autorisée par {{platform}}. Reconnectez avant la fin de l’accès.',
    revoked_by_user:
      'L’accès a été retiré sur {{platform}}. Reconnectez pour utiliser de nouveau ce compte.',
    disconnected_by_team: 'Ce compte a été déconnecté.',
    other: 'Ce compte demande votre attention. Reconnectez-le pour qu’il continue de fonctionner.',
  },
};
