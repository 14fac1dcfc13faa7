/**
 * The dashboard's Content-Security-Policy: one string for the dev server's and the preview's
 * response header and the built page's meta tag (vite.config.ts puts it in both), tested in
 * Chromium with the policy enforced (tests/browser/csp.browser.test.ts).
 *
 * - Scripts and workers only from the page's own origin: no inline script, no eval (the worker
 *   sets Zod to jitless so it never tries `new Function`), no inline event handlers.
 * - connect-src 'self': fetches of the built-in scenarios and Vite's own websocket in development;
 *   nothing leaves the origin.
 * - Images from the origin, data: (the favicon) and blob: (PNG export draws the SVG into a canvas).
 * - Styles from the origin and inline: CodeMirror injects its theme as <style> elements and D3
 *   sets style attributes; CSS cannot run script, so this is the one relaxation.
 * - No plugins, no <base>, no form posts, not framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives a meta tag cannot carry, for the response header only. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
