// The Content-Security-Policy of every page the app serves (app-protocol.ts puts it on each response; the browser
// test harness serves the same one). No inline script, no <style> element, no style attribute, nothing remote:
// the renderer is a Vite build of module scripts and stylesheets under app://torpeddo. Lit's static styles are
// adopted stylesheets and uPlot styles its elements through the CSSOM (el.style.x = …); style-src governs
// neither. Per-element values (a progress bar's width) go through the CSSOM too (src/ui/css-vars.ts), never a
// style attribute, so 'style-src-attr' can stay 'none'.
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'style-src-elem': ["'self'"],
  'style-src-attr': ["'none'"],
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
