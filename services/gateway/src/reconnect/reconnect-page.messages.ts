/** The strings of the page a person lands on after a one-click Reconnect, in the 13 languages. */
export interface PageMessages {
  success_title: string;
  success_body: string;
  failed_title: string;
  failed_body: string;
  invalid_title: string;
  invalid_body: string;
  expired_title: string;
  expired_body: string;
}

export const PAGE_MESSAGES: Record<string, PageMessages> = {
  en: {
    success_title: 'Account reconnected',
    success_body: 'The account is connected again. You can close this page.',
    failed_title: 'Reconnecting did not work',
    failed_body:
      'Nothing was changed. Open the link in the email again to retry, and sign in with the same account.',
    invalid_title: 'This link does not work',
    invalid_body: 'The link is incomplete or was changed. Use the button in the most recent email.',
    expired_title: 'This link has expired',
    expired_body:
      'Reconnect links work for a limited time. Use the link in a more recent email, or ask your team for a new one.',
  },
  pl: {
    success_title: 'Konto połączone ponownie',
    success_body: 'Konto jest znowu połączone. Możesz zamknąć tę stronę.',
    failed_title: 'Ponowne połączenie nie powiodło się',
    failed_body:
      'Nic nie zostało zmienione. Otwórz ponownie link z wiadomości e-mail i zaloguj się na to samo konto.',
    invalid_title: 'Ten link nie działa',
    invalid_body:
      'Link jest niepełny lub został zmieniony. Użyj przycisku z najnowszej wiadomości.',
    expired_title: 'Ten link wygasł',
    expired_body:
      'Linki do ponownego połączenia działają przez ograniczony czas. Użyj linku z nowszej wiadomości lub poproś zespół o nowy.',
  },
  fr: {
    success_title: 'Compte reconnecté',
    success_body: 'Le compte est de nouveau connecté. Vous pouvez fermer cette page.',
    failed_title: 'La reconnexion n’a pas abouti',
    failed_body:
      'Rien n’a été modifié. Rouvrez le lien de l’e-mail pour réessayer et connectez-vous avec le même compte.',
    invalid_title: 'Ce lien ne fonctionne pas',
    invalid_body:
      'Le lien est incomplet ou a été modifié. Utilisez le bouton de l’e-mail le plus récent.',
    expired_title: 'Ce lien a expiré',
    expired_body:
      'Les liens de reconnexion sont valables pendant une durée limitée. Utilisez le lien d’un e-mail plus récent ou demandez-en un nouveau à votre équipe.',
  },
  hi: {
    success_title: 'खाता फिर से कनेक्ट हो गया',
    success_body: 'खाता फिर से कनेक्ट हो गया है। आप यह पेज बंद कर सकते हैं।',
    failed_title: 'फिर से कनेक्ट नहीं हो सका',
    failed_body:
      'कुछ भी नहीं बदला गया। फिर से प्रयास करने के लिए ईमेल का लिंक दोबारा खोलें और उसी खाते से साइन इन करें।',
    invalid_title: 'यह लिंक काम नहीं करता',
    invalid_body: 'लिंक अधूरा है या बदला गया है। सबसे नए ईमेल के बटन का उपयोग करें।',
    expired_title: 'यह लिंक समाप्त हो गया है',
    expired_body:
      'फिर से कनेक्ट करने के लिंक सीमित समय तक काम करते हैं। किसी नए ईमेल के लिंक का उपयोग करें या अपनी टीम से नया लिंक माँगें।',
  },
  sv: {
    success_title: 'Kontot är anslutet igen',
    success_body: 'Kontot är anslutet igen. Du kan stänga den här sidan.',
    failed_title: 'Det gick inte att ansluta igen',
    failed_body:
      'Inget har ändrats. Öppna länken i mejlet igen för att försöka på nytt och logga in med samma konto.',
    invalid_title: 'Länken fungerar inte',
    invalid_body: 'Länken är ofullständig eller har ändrats. Använd knappen i det senaste mejlet.',
    expired_title: 'Länken har gått ut',
    expired_body:
      'Länkar för att ansluta igen fungerar en begränsad tid. Använd länken i ett nyare mejl eller be ditt team om en ny.',
  },
  de: {
    success_title: 'Konto wieder verbunden',
    success_body: 'Das Konto ist wieder verbunden. Sie können diese Seite schließen.',
    failed_title: 'Das erneute Verbinden hat nicht geklappt',
    failed_body:
      'Es wurde nichts geändert. Öffnen Sie den Link in der E-Mail erneut und melden Sie sich mit demselben Konto an.',
    invalid_title: 'Dieser Link funktioniert nicht',
    invalid_body:
      'Der Link ist unvollständig oder wurde verändert. Verwenden Sie die Schaltfläche in der neuesten E-Mail.',
    expired_title: 'Dieser Link ist abgelaufen',
    expired_body:
      'Links zum erneuten Verbinden gelten nur begrenzte Zeit. Verwenden Sie den Link aus einer neueren E-Mail oder bitten Sie Ihr Team um einen neuen.',
  },
  es: {
    success_title: 'Cuenta conectada de nuevo',
    success_body: 'La cuenta vuelve a estar conectada. Puedes cerrar esta página.',
    failed_title: 'No se pudo volver a conectar',
    failed_body:
      'No se ha cambiado nada. Abre de nuevo el enlace del correo para reintentarlo e inicia sesión con la misma cuenta.',
    invalid_title: 'Este enlace no funciona',
    invalid_body:
      'El enlace está incompleto o se ha modificado. Usa el botón del correo más reciente.',
    expired_title: 'Este enlace ha caducado',
    expired_body:
      'Los enlaces para volver a conectar funcionan durante un tiempo limitado. Usa el enlace de un correo más reciente o pide uno nuevo a tu equipo.',
  },
  it: {
    success_title: 'Account ricollegato',
    success_body: 'L’account è di nuovo collegato. Puoi chiudere questa pagina.',
    failed_title: 'Il ricollegamento non è riuscito',
    failed_body:
      'Non è stato modificato nulla. Riapri il link dell’email per riprovare e accedi con lo stesso account.',
    invalid_title: 'Questo link non funziona',
    invalid_body:
      'Il link è incompleto o è stato modificato. Usa il pulsante dell’email più recente.',
    expired_title: 'Questo link è scaduto',
    expired_body:
      'I link per ricollegare funzionano per un tempo limitato. Usa il link di un’email più recente o chiedine uno nuovo al tuo team.',
  },
  nl: {
    success_title: 'Account opnieuw gekoppeld',
    success_body: 'Het account is weer gekoppeld. Je kunt deze pagina sluiten.',
    failed_title: 'Opnieuw koppelen is niet gelukt',
    failed_body:
      'Er is niets gewijzigd. Open de link in de e-mail opnieuw om het nog eens te proberen en meld je aan met hetzelfde account.',
    invalid_title: 'Deze link werkt niet',
    invalid_body: 'De link is onvolledig of gewijzigd. Gebruik de knop in de meest recente e-mail.',
    expired_title: 'Deze link is verlopen',
    expired_body:
      'Links om opnieuw te koppelen werken een beperkte tijd. Gebruik de link uit een recentere e-mail of vraag je team om een nieuwe.',
  },
  pt: {
    success_title: 'Conta reconectada',
    success_body: 'A conta está conectada novamente. Você pode fechar esta página.',
    failed_title: 'Não foi possível reconectar',
    failed_body:
      'Nada foi alterado. Abra o link do e-mail novamente para tentar de novo e entre com a mesma conta.',
    invalid_title: 'Este link não funciona',
    invalid_body: 'O link está incompleto ou foi alterado. Use o botão do e-mail mais recente.',
    expired_title: 'Este link expirou',
    expired_body:
      'Os links de reconexão funcionam por tempo limitado. Use o link de um e-mail mais recente ou peça um novo à sua equipe.',
  },
  ru: {
    success_title: 'Аккаунт снова подключён',
    success_body: 'Аккаунт снова подключён. Эту страницу можно закрыть.',
    failed_title: 'Переподключить не удалось',
    failed_body:
      'Ничего не изменилось. Откройте ссылку из письма ещё раз и войдите в тот же аккаунт.',
    invalid_title: 'Эта ссылка не работает',
    invalid_body: 'Ссылка неполная или изменена. Воспользуйтесь кнопкой из последнего письма.',
    expired_title: 'Срок действия ссылки истёк',
    expired_body:
      'Ссылки для переподключения действуют ограниченное время. Воспользуйтесь ссылкой из более нового письма или попросите новую у своей команды.',
  },
  tr: {
    success_title: 'Hesap yeniden bağlandı',
    success_body: 'Hesap yeniden bağlandı. Bu sayfayı kapatabilirsiniz.',
    failed_title: 'Yeniden bağlanamadı',
    failed_body:
      'Hiçbir şey değiştirilmedi. Yeniden denemek için e-postadaki bağlantıyı tekrar açın ve aynı hesapla giriş yapın.',
    invalid_title: 'Bu bağlantı çalışmıyor',
    invalid_body: 'Bağlantı eksik veya değiştirilmiş. En son e-postadaki düğmeyi kullanın.',
    expired_title: 'Bu bağlantının süresi doldu',
    expired_body:
      'Yeniden bağlanma bağlantıları sınırlı bir süre geçerlidir. Daha yeni bir e-postadaki bağlantıyı kullanın veya ekibinizden yenisini isteyin.',
  },
  zh: {
    success_title: '账号已重新连接',
    success_body: '账号已重新连接。您可以关闭此页面。',
    failed_title: '重新连接未成功',
    failed_body: '未做任何更改。请再次打开邮件中的链接重试，并登录同一个账号。',
    invalid_title: '此链接无效',
    invalid_body: '链接不完整或已被修改。请使用最新邮件中的按钮。',
    expired_title: '此链接已过期',
    expired_body:
      '重新连接链接仅在有限时间内有效。请使用较新邮件中的链接，或向您的团队索取新链接。',
  },
};
