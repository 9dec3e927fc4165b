// Applies the saved theme before the first paint (a classic script: modules run only after parsing).
(function () {
  var themes = ['light', 'dark', 'high-contrast', 'ocean'];
  var saved = null;
  try { saved = localStorage.getItem('router.theme'); } catch (e) { /* storage disabled */ }
  if (themes.indexOf(saved) < 0) {
    saved = window.matchMedia && window.matchMedia('(prefers-contrast: more)').matches ? 'high-contrast'
      : window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', saved);
})();
