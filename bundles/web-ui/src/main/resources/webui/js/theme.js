// Theme choice: a data-theme attribute on <html> selects a block of CSS variables (themes.css).
export const THEMES = ['light', 'dark', 'high-contrast', 'ocean'];
const STORE = 'router.theme';

export function currentTheme() {
  return document.documentElement.getAttribute('data-theme') || 'light';
}

export function setTheme(name) {
  if (!THEMES.includes(name)) return;
  document.documentElement.setAttribute('data-theme', name);
  try { localStorage.setItem(STORE, name); } catch (e) { /* storage disabled: the choice lasts for this page */ }
  window.dispatchEvent(new CustomEvent('router:theme', { detail: name }));
}

export function bindSelector(select) {
  select.value = currentTheme();
  select.addEventListener('change', () => setTheme(select.value));
}
