// Material's search panel is a role="dialog" without a name; screen readers announce it as "dialog".
// A static file (not inline) so the Content-Security-Policy stays 'self' only.
document.querySelectorAll('[data-md-component="search"][role="dialog"]').forEach(function (el) {
  if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "搜索");
});
