// A host page's language picker: all it does is set <html lang> (and keep ?lang= in the
// address, so a reload or a shared link keeps the language). The widgets watch `lang`
// themselves; nothing here talks to them.
const picker = document.getElementById('language');
const fromUrl = new URLSearchParams(location.search).get('lang');
if (fromUrl) document.documentElement.lang = fromUrl;
picker.value = [...picker.options].some((o) => o.value === document.documentElement.lang) ? document.documentElement.lang : 'zh-Hant-TW';
picker.addEventListener('change', () => {
  document.documentElement.lang = picker.value;
  const url = new URL(location.href);
  url.searchParams.set('lang', picker.value);
  history.replaceState(null, '', url);
});
