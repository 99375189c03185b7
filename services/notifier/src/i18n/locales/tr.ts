import type { Messages } from './en';

export const tr: Messages = {
  common: {
    greeting_named: 'Merhaba {{name}},',
    greeting: 'Merhaba,',
    reconnect_button: '{{account}} hesabını yeniden bağla',
    link_valid_until: 'Bu bağlantı {{date}} tarihine kadar geçerlidir.',
    footer:
      'Bu e-postayı, bu hesabı kullanan ekibin bir üyesi olduğunuz için alıyorsunuz. Hangi bildirimleri alacağınızı bildirim tercihlerinizden seçebilirsiniz.',
    todo_reconnect:
      'Hesapta yayın yapmaya ve hesaptan veri okumaya devam etmek için hesabı yeniden bağlayın. Bir dakika sürer: {{platform}} hesabınıza giriş yapın ve erişime yeniden izin verin.',
  },
  token_expiring: {
    title: '{{platform}} hesabınız {{account}} {{when}} bağlantısını kaybedecek',
    cause_not_refreshable:
      '{{platform}} bu bağlantının kendini yenilemesine izin vermiyor, bu yüzden erişim {{date}} tarihinde sona eriyor.',
    cause_refresh_failing:
      '{{platform}} ile bağlantının yenilenmesi sürekli başarısız oluyor ve erişim {{date}} tarihinde sona eriyor.',
    cause_refresh_token_end_of_life:
      'Bağlantı, {{platform}} tarafından izin verilen en uzun süreye ulaşıyor ve {{date}} tarihinde sona eriyor.',
    todo: 'Hiçbir şeyin çalışmayı bırakmaması için hesabı bu tarihten önce yeniden bağlayın.',
  },
  refresh_failed: {
    title: '{{platform}} hesabınız {{account}} yeniden bağlanmalı',
    reason_reauth_required:
      '{{platform}} bağlantıyı artık kabul etmiyor: erişim geri alındı veya süresi doldu.',
    reason_permission_lost:
      '{{platform}} bu bağlantının ihtiyaç duyduğu tüm izinleri artık vermiyor.',
    reason_permission_lost_scopes: '{{platform}} şu izinleri artık vermiyor: {{scopes}}.',
    reason_transient_exhausted:
      '{{platform}} o kadar uzun süre erişilemez oldu ki bağlantının süresi doldu.',
  },
  disconnected: {
    title_provider: '{{platform}} hesabınız {{account}} için erişim geri alındı',
    body_provider: 'Hesabın bağlantısı {{platform}} tarafında kesildi ve artık kullanılamıyor.',
    title_team: '{{platform}} hesabı {{account}} bağlantısı kesildi',
    body_team: 'Ekibiniz bu hesabın bağlantısını kesti. Başka bir şey yapmanız gerekmiyor.',
  },
  connect_failed: {
    title_reconnect: '{{platform}} hesabınız {{account}} yeniden bağlanamadı',
    title_new: 'Bir {{platform}} hesabı bağlanamadı',
    reason_denied: '{{platform}} üzerinde erişim onaylanmadı.',
    reason_permissions: 'Bazı izinler verilmedi: {{scopes}}.',
    reason_mismatch:
      'Yeniden bağlanan hesap yerine farklı bir {{platform}} hesabıyla giriş yapıldı.',
    reason_other: '{{platform}} bağlantıyı tamamlamadı (kod: {{code}}).',
    todo_reconnect: 'Aşağıdaki bağlantıyla yeniden deneyin ve aynı hesapla giriş yapın.',
    todo_new: 'Hesabı yeniden bağlamayı deneyin.',
  },
  reconnected: {
    title: '{{platform}} hesabınız {{account}} yeniden bağlandı',
    body: 'Bağlantı yeniden çalışıyor. Bununla ilgili başka hatırlatma gönderilmeyecek.',
  },
  reminder: {
    title: 'Hatırlatma: {{platform}} hesabınız {{account}} hâlâ yeniden bağlanmayı bekliyor',
    body: 'Hesap {{date}} tarihinden beri kullanılamıyor.',
  },
  webhook_disabled: {
    title: 'Bir webhook kapatıldı: {{host}}',
    body: '{{url}} adresine gönderimler {{date}} tarihinden beri başarısız olduğu için abonelik devre dışı bırakıldı.',
    todo: 'Uç noktayı düzeltin, ardından webhook’u yeniden etkinleştirin.',
  },
};
