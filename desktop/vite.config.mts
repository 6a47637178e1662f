import { defineConfig } from 'vite';

// The renderer is a plain web page: Electron loads the built dist/ from its app:// protocol, the browser tests
// serve the same files. Relative asset URLs keep it independent of where it is served from.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2023',
    // Inline assets would be data: URLs for scripts and styles, which the CSP forbids.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
