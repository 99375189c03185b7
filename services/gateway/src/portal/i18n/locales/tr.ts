import type { Messages } from './en';

export const tr: Messages = {
  common: {
    language: 'Dil',
    change_language: 'Değiştir',
    back: 'Geri',
    powered_by: 'Switchboard tarafından desteklenmektedir',
    logo_alt: 'Logo',
    user_logo_alt: 'Profil fotoğrafı',
    try_again: 'Tekrar dene',
    back_to_platforms: 'Platformlara dön',
    error_code: 'Hata kodu: {{code}}',
    link_expired_title: 'Bu bağlantının süresi doldu',
    link_expired_body:
      'Bu sayfaya giden bağlantılar sınırlı bir süre çalışır. Sizi buraya gönderen uygulamaya dönün ve sayfayı yeniden açın.',
    link_invalid_title: 'Bu bağlantı çalışmıyor',
    link_invalid_body:
      'Bağlantı eksik veya değiştirilmiş. Sizi buraya gönderen uygulamaya dönün ve sayfayı yeniden açın.',
    refused_title: 'Bu işlem reddedildi',
    refused_body:
      'Sayfa çok uzun süre açık kaldı veya başka bir siteden geldi. Sayfayı yenileyip tekrar deneyin.',
  },
  portal: {
    title: 'Hesaplarınızı bağlayın',
    intro: 'Bir platform seçin. Orada oturum açacak, erişimi onaylayacak ve buraya döneceksiniz.',
    platforms: 'Platformlar',
    connect: '{{platform}} bağla',
    before: 'Başlamadan önce',
    remaining: 'Bu bağlantıyla hâlâ bağlayabileceğiniz hesap sayısı: {{count}}',
    none_left: 'Bu bağlantı izin verdiği sayıda hesabı zaten bağladı.',
  },
  requirement: {
    FACEBOOK:
      'Facebook kişisel profilleri değil, Sayfaları bağlar. Tam denetime ya da içerik oluşturma görevine sahip olduğunuz bir Sayfa gerekir.',
    INSTAGRAM:
      'Yönettiğiniz bir Facebook Sayfasına bağlı profesyonel bir Instagram hesabı (işletme veya içerik üreticisi) gerekir. Facebook ile oturum açarsınız.',
    INSTAGRAM_LOGIN:
      'Profesyonel bir Instagram hesabı (işletme veya içerik üreticisi) gerekir. Kişisel hesaplar bağlanamaz; önce Instagram uygulamasında hesap türünü değiştirin.',
    THREADS: 'Threads profilinizin kullandığı Instagram hesabıyla oturum açın.',
    LINKEDIN: 'Kişisel LinkedIn profilinizi bağlar.',
    LINKEDIN_PAGE: 'Bir LinkedIn Sayfası bağlar. LinkedIn’de kuruluşun yöneticisi olmanız gerekir.',
    TIKTOK: 'Normal bir TikTok hesabı bağlar. TikTok Business hesapları ayrıca bağlanır.',
    TIKTOK_BUSINESS:
      'Bir TikTok Business hesabı gerekir. Normal TikTok hesabından ayrıdır ve ayrıca bağlanır.',
    YOUTUBE: 'Oturum açtığınız Google hesabında bir YouTube kanalı gerekir.',
    GOOGLE_BUSINESS:
      'Sahibi veya yöneticisi olduğunuz, doğrulanmış bir Google İşletme Profili konumu gerekir.',
    PINTEREST:
      'En az bir panosu olan bir Pinterest işletme hesabı gerekir. Kişisel bir hesabı önce Pinterest ayarlarından dönüştürün.',
    DISCORD: 'Uygulamayı eklediğiniz Discord sunucusunu yönetme izniniz olmalıdır.',
    SLACK: 'Slack çalışma alanına uygulama yükleme izniniz olmalıdır.',
    generic: '{{platform}} hesabınızda oturum açıp erişimi onaylayacaksınız.',
  },
  outcome: {
    success_title: '{{platform}} hesabı bağlandı',
    success_body:
      'Bağlantı çalışıyor. Uygulamaya dönebilir veya başka bir hesap bağlayabilirsiniz.',
    connect_more: 'Başka bir hesap bağla',
    modal_title: 'Hesap bağlandı',
    modal_body: 'Başka bir hesap bağlamak mı yoksa geri dönmek mi istiyorsunuz?',
    denied_title: 'Erişim onaylanmadı',
    denied_body:
      '{{platform}} üzerinde İptal’e bastınız, bu yüzden hiçbir şey bağlanmadı. Tekrar deneyin ve {{platform}} sorduğunda erişimi onaylayın.',
    invalid_state_title: 'Oturum açma süreci sona erdi',
    invalid_state_body:
      'Bu, oturum açma çok uzun sürdüğünde, başka bir tarayıcıda tamamlandığında veya zaten kullanıldığında olur. Bu sayfadan yeniden başlayın.',
    limit_reached_title: 'Daha fazla hesap bağlanamaz',
    limit_reached_body:
      'Burada izin verilen {{platform}} hesabı sayısına ulaşıldı. Artık ihtiyacınız olmayan bir hesabın bağlantısını kesin veya sizi buraya gönderen ekibe sorun.',
    permissions_title: 'Bazı izinler verilmedi',
    permissions_body:
      '{{platform}} istediği tüm izinlere ihtiyaç duyar. Tekrar deneyin ve tüm seçenekleri işaretli bırakın.',
    permissions_missing: 'Eksik: {{missing}}',
    no_channels_title: 'Bağlanacak bir şey bulunamadı',
    no_channels_body: 'Bu {{platform}} oturumu bağlanabilecek hiçbir şeye erişim vermiyor.',
    error_title: 'Bağlantı kurulamadı',
    error_body:
      '{{platform}} bağlantıyı tamamlamadı. Biraz sonra tekrar deneyin; sorun sürerse sizi buraya gönderen ekiple iletişime geçin.',
  },
  select: {
    title: 'Neyi bağlayacağınızı seçin',
    intro: '{{platform}} oturumunuz aşağıdakilere erişim veriyor. Neyi bağlayacağınızı seçin.',
    submit: 'Bağla',
    not_eligible: 'Bağlanamaz',
    expired: 'Bu seçimin süresi doldu. Platformu yeniden bağlayın.',
    choose_one: 'En az birini seçin.',
  },
  accounts: {
    title: 'Bağlı hesaplarınız',
    empty: 'Henüz bağlı hesap yok.',
    connected_on: 'Bağlandı: {{date}}',
    last_refresh: 'Son yenileme: {{date}}',
    never_refreshed: 'Henüz yenilenmedi',
    access_ends: 'Erişimin sona ereceği tarih: {{date}}',
    main: 'Ana hesap',
    set_main: 'Ana hesap yap',
    reconnect: 'Yeniden bağla',
    disconnect: 'Bağlantıyı kes',
    confirm_title: '{{account}} bağlantısı kesilsin mi?',
    confirm_body:
      'Uygulama bu {{platform}} hesabını artık kullanamayacak. Daha sonra yeniden bağlayabilirsiniz.',
    confirm_yes: 'Evet, bağlantıyı kes',
    confirm_no: 'İptal',
    done_disconnected: '{{account}} bağlantısı kesildi.',
    done_main: '{{account}} artık ana {{platform}} hesabı.',
    done_reconnected: '{{account}} yeniden bağlandı.',
    reconnect_failed:
      'Yeniden bağlanamadı. Tekrar deneyin ve aynı {{platform}} hesabıyla oturum açın.',
    on_hold:
      'Bu hesap hâlâ kullanılıyor ({{reason}}), bu yüzden burada bağlantısı kesilemez. Ekibinize sorun.',
    notices: 'Bildirimler',
    no_notices: 'Bildirim yok.',
    live: 'Bu sayfa kendiliğinden güncellenir.',
  },
  status: {
    ACTIVE: 'Etkin',
    EXPIRING: 'Süresi doluyor',
    EXPIRED: 'Süresi doldu',
    ERROR: 'Hata',
    DISCONNECTED: 'Bağlantı kesildi',
  },
  reason: {
    reauth_required:
      '{{platform}} bağlantıyı artık kabul etmiyor. Kullanmaya devam etmek için yeniden bağlayın.',
    permission_lost:
      '{{platform}} bağlantının ihtiyaç duyduğu bir izni artık vermiyor; örneğin bir rol kaldırıldıktan sonra. Yeniden bağlayın ve tüm izinleri onaylayın.',
    transient_exhausted:
      '{{platform}} uzun süre erişilemedi ve bağlantının süresi doldu. Geri getirmek için yeniden bağlayın.',
    not_refreshable:
      '{{platform}} bu bağlantının kendini yenilemesine izin vermiyor. Erişim sona ermeden yeniden bağlayın.',
    refresh_failing:
      '{{platform}} ile bağlantıyı yenileme sürekli başarısız oluyor. Erişim sona ermeden yeniden bağlayın.',
    refresh_token_end_of_life:
      'Bağlantı, {{platform}} tarafından izin verilen en uzun süreye ulaşıyor. Erişim sona ermeden yeniden bağlayın.',
    revoked_by_user:
      'Erişim {{platform}} üzerinde geri alındı. Bu hesabı yeniden kullanmak için yeniden bağlayın.',
    disconnected_by_team: 'Bu hesabın bağlantısı kesildi.',
    other: 'Bu hesabın ilgilenilmesi gerekiyor. Çalışmaya devam etmesi için yeniden bağlayın.',
  },
};
