import { registerDefaults } from './i18n.js';

registerDefaults({
  vi: {
    'speech.unsupported': 'Trình duyệt này không đọc to được. Hãy thử Chrome, Edge hoặc Safari bản mới.',
    'speech.noVoice.vi':
      'Thiết bị này chưa có giọng đọc tiếng Việt. Trên Android: cài "Dịch vụ lời nói của Google" và tải giọng tiếng Việt; trên Windows: Cài đặt › Thời gian và ngôn ngữ › Giọng nói › Thêm giọng nói tiếng Việt.',
    'speech.noVoice': 'Thiết bị này chưa có giọng đọc {language}.',
    'speech.offerHint': 'Có thể nghe bằng tiếng Việt.',
    'speech.offer.vi': 'Nghe bằng tiếng Việt',
    'speech.range': 'từ {min} đến {max}',
  },
  en: {
    'speech.unsupported': 'This browser cannot read aloud. Try a recent Chrome, Edge or Safari.',
    'speech.noVoice.vi':
      'This device has no Vietnamese voice. On Android, install "Speech Services by Google" and download the Vietnamese voice; on Windows: Settings › Time & language › Speech › Add voices › Vietnamese.',
    'speech.noVoice': 'This device has no voice for {language}.',
    'speech.offerHint': 'You can listen in Vietnamese instead.',
    'speech.offer.vi': 'Listen in Vietnamese',
    'speech.range': 'from {min} to {max}',
  },
});
