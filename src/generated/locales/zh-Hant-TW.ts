
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's11c2c92565bc0962': `服務回應時間過長。`,
's26b2affcc4032c6e': `找不到您要的資料。`,
's27cec9c8a35c04c0': `這不是您的問題，請稍後再試。`,
's27da90b4f1e23a32': `市`,
's281ea4bcf699cfb4': `請檢查網路連線，連線恢復後會自動重試。`,
's2cbfd7cb51e1783c': `連結或設定可能已經過期。`,
's30da6e167f0d08cb': `服務無法受理這項要求。`,
's3b919e56d9c2cc6f': `服務可能暫時中斷，請再試一次。`,
's4a310662eb38d23c': `短時間內嘗試太多次。`,
's58aaa3a0a4d09a84': `請稍後再試一次。`,
's65605ff772abdbc4': `直轄市`,
's7ede7614ab87686d': `服務目前發生問題。`,
's82773edebb9eebbc': `目前無法連線到服務。`,
's8b1ca6679d497b17': `請選擇縣市`,
's9f816a69932a456f': `縣`,
'sa4e806f9d95862f4': `您的縣市`,
'saad29fa308a926d0': `尚未選擇縣市。`,
'sb817520a0ef6ed7d': `服務傳回的資料無法讀取。`,
'sb81d7bedb3cca1a8': `網頁設定可能有誤，請通知網站管理者。`,
'sb8a551ae26aee4b0': str`您選擇了${0}。`,
'scd1dd6ff53d0d01a': `再試一次`,
'scee4e476acaad8f1': `請稍後再試，或通知網站管理者。`,
'sdb15130b80f9447b': `您目前似乎沒有連上網路。`,
'sdd638b6b36c52b35': `正在載入縣市清單…`,
'se33d1998de59675f': str`您看到的是 ${0} 儲存的資料，內容可能不是最新的。`,
'se5f017e1e34b453d': `您居住的縣市，或戶籍所在的縣市。`,
'se6a8976fdb8243a6': `檢查是否有更新`,
'sebd512f1d3c01b03': `目前沒有可選擇的縣市。`,
'sf070741d6797c9b0': `請等候幾分鐘後再試一次。`,
'sf4ad58cc6944945d': str`請等候 ${0} 分鐘後再試一次。`,
    };
  