// The Content-Security-Policy of every page the app serves (app-protocol.ts puts it on each response). No inline
// script, no <style> element, nothing remote: the renderer is a Vite build of module scripts and stylesheets
// under app://torpeddo. Lit's static styles are adopted stylesheets and uPlot styles its elements through the
// CSSOM (el.style.x = …); style-src governs neither. The one exception is style *attributes*: Lit's styleMap
// writes its first render as a style="…" attribute (checked in Chromium: blocked, and the element unstyled, under
// style-src 'self' alone), and per-row values such as a progress bar's width are set that way. An attribute
// cannot run script or load anything img-src and font-src refuse, so only that is allowed.
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-elem': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The renderer talks to the backend through window.torpeddo only: no fetch, socket or worker leaves the app.
  'connect-src': ["'self'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
