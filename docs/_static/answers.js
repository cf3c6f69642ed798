// "Copy this answer as Markdown" (docs/_ext/answers.py). The Markdown sits once in a <template>
// next to the button; links written "lstm-root:path" (a build without a base URL) become
// absolute here, from the page's own address. A <button> works with Enter and Space. The status
// messages, in the page's language, are the button's data-copied and data-failed (answers.py).
(function () {
  "use strict";
  const PLACEHOLDER = "lstm-root:";

  function siteRoot() {
    const root = document.documentElement.dataset.content_root || "./";
    return new URL(root, location.href).href;
  }

  function markdownOf(box) {
    const template = box.querySelector("template.answer-markdown");
    return template.content.textContent.split(PLACEHOLDER).join(siteRoot());
  }

  function copyWithSelection(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done;
  }

  async function copy(box, button) {
    const status = box.querySelector(".answer-status");
    const text = markdownOf(box);
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch (error) {
      done = copyWithSelection(text);
    }
    status.textContent = done ? button.dataset.copied : button.dataset.failed;
    button.focus();
  }

  function init() {
    for (const box of document.querySelectorAll("aside.answer-box")) {
      const button = box.querySelector("button.answer-copy");
      if (button) button.addEventListener("click", () => copy(box, button));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
