// The language switcher (docs/_ext/languages.py): every language has the same page paths and the
// same anchor ids, so the switcher's links follow the reader to the section being read.
(function () {
  "use strict";
  function follow() {
    var links = document.querySelectorAll(".sidebar-languages a[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href").split("#")[0];
      links[i].setAttribute("href", href + window.location.hash);
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
