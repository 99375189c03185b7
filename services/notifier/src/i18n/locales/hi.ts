import type { Messages } from './en';

export const hi: Messages = {
  common: {
    greeting_named: 'नमस्ते {{name}},',
    greeting: 'नमस्ते,',
    reconnect_button: '{{account}} को फिर से कनेक्ट करें',
    link_valid_until: 'यह लिंक {{date}} तक काम करेगा।',
    footer:
      'आपको यह ईमेल इसलिए मिला है क्योंकि आप उस टीम के सदस्य हैं जो इस खाते का उपयोग करती है। आप अपनी सूचना प्राथमिकताओं में चुन सकते हैं कि आपको कौन-सी सूचनाएँ मिलें।',
    todo_reconnect:
      'प्रकाशन जारी रखने और इससे डेटा पढ़ने के लिए खाते को फिर से कनेक्ट करें। इसमें एक मिनट लगता है: {{platform}} में साइन इन करें और फिर से पहुँच की अनुमति दें।',
  },
  token_expiring: {
    title: 'आपका {{platform}} खाता {{account}} {{when}} डिस्कनेक्ट हो जाएगा',
    cause_not_refreshable:
      '{{platform}} इस कनेक्शन को अपने आप नवीनीकृत नहीं होने देता, इसलिए पहुँच {{date}} समाप्त हो जाएगी।',
    cause_refresh_failing:
      '{{platform}} के साथ कनेक्शन का नवीनीकरण बार-बार विफल हो रहा है, और पहुँच {{date}} समाप्त हो जाएगी।',
    cause_refresh_token_end_of_life:
      'कनेक्शन {{platform}} द्वारा अनुमत अधिकतम अवधि तक पहुँच रहा है और {{date}} समाप्त हो जाएगा।',
    todo: 'उससे पहले खाते को फिर से कनेक्ट करें ताकि कुछ भी काम करना बंद न करे।',
  },
  refresh_failed: {
    title: 'आपके {{platform}} खाते {{account}} को फिर से कनेक्ट करना होगा',
    reason_reauth_required:
      '{{platform}} अब इस कनेक्शन को स्वीकार नहीं करता: पहुँच वापस ले ली गई है या समाप्त हो गई है।',
    reason_permission_lost: '{{platform}} अब इस कनेक्शन के लिए आवश्यक सभी अनुमतियाँ नहीं देता।',
    reason_permission_lost_scopes: '{{platform}} अब ये अनुमतियाँ नहीं देता: {{scopes}}।',
    reason_transient_exhausted:
      '{{platform}} से इतने लंबे समय तक संपर्क नहीं हो सका कि कनेक्शन समाप्त हो गया।',
  },
  disconnected: {
    title_provider: 'आपके {{platform}} खाते {{account}} की पहुँच वापस ले ली गई',
    body_provider:
      'खाता {{platform}} की ओर से डिस्कनेक्ट कर दिया गया है और अब इसका उपयोग नहीं किया जा सकता।',
    title_team: '{{platform}} खाता {{account}} डिस्कनेक्ट कर दिया गया',
    body_team: 'आपकी टीम ने यह खाता डिस्कनेक्ट किया है। और कुछ करने की आवश्यकता नहीं है।',
  },
  connect_failed: {
    title_reconnect: 'आपके {{platform}} खाते {{account}} को फिर से कनेक्ट नहीं किया जा सका',
    title_new: '{{platform}} खाता कनेक्ट नहीं किया जा सका',
    reason_denied: '{{platform}} पर पहुँच की अनुमति नहीं दी गई।',
    reason_permissions: 'कुछ अनुमतियाँ नहीं दी गईं: {{scopes}}।',
    reason_mismatch:
      'जिस खाते को फिर से कनेक्ट किया जा रहा था, उसके बजाय किसी दूसरे {{platform}} खाते से साइन इन किया गया।',
    reason_other: '{{platform}} ने कनेक्शन पूरा नहीं किया (कोड: {{code}})।',
    todo_reconnect: 'नीचे दिए गए लिंक से फिर से प्रयास करें और उसी खाते से साइन इन करें।',
    todo_new: 'खाते को फिर से कनेक्ट करने का प्रयास करें।',
  },
  reconnected: {
    title: 'आपका {{platform}} खाता {{account}} फिर से कनेक्ट हो गया है',
    body: 'कनेक्शन फिर से काम कर रहा है। इसके बारे में अब कोई अनुस्मारक नहीं आएगा।',
  },
  reminder: {
    title: 'अनुस्मारक: आपके {{platform}} खाते {{account}} को अभी भी फिर से कनेक्ट करना है',
    body: 'यह खाता {{date}} से उपयोग योग्य नहीं है।',
  },
  webhook_disabled: {
    title: 'एक वेबहुक बंद कर दिया गया: {{host}}',
    body: '{{url}} पर डिलीवरी {{date}} से विफल हो रही है, इसलिए सदस्यता बंद कर दी गई।',
    todo: 'एंडपॉइंट ठीक करें, फिर वेबहुक को दोबारा चालू करें।',
  },
};
