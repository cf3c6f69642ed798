// Anchors of this page that moved to another page (docs/redirects.txt): a link to one of them
// is sent to its new place. The map is written into the page by docs/_ext/site_anchors.py.
(function () {
  "use strict";
  const data = document.getElementById("lstm-anchor-redirects");
  if (!data) return;
  const moved = JSON.parse(data.textContent);
  function follow() {
    const label = decodeURIComponent(location.hash.slice(1));
    if (Object.prototype.hasOwnProperty.call(moved, label)) location.replace(moved[label]);
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
