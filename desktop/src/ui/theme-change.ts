// Calls back when the theme tokens change (the shell sets <html data-theme> for the user's choice and the OS's),
// for what cannot follow CSS by itself: canvases and charts that read colours at draw time.
export function onThemeChange(callback: () => void): () => void {
  const observer = new MutationObserver(() => callback());
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
