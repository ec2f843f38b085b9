// The hall display: after each refresh of the board (htmx), announce the calls not yet announced —
// shown as a caption and, once a member of staff has switched the voice on (browsers speak only after a
// click on the page), spoken in Chinese through the browser's speech synthesis.
(function () {
  "use strict";
  var announced = 0;
  var voice = false;

  function calls() {
    return Array.prototype.map.call(document.querySelectorAll("[data-board] [data-call]"), function (el) {
      return { id: Number(el.dataset.call), say: el.dataset.say };
    });
  }

  function speak(text) {
    if (!voice || !("speechSynthesis" in window) || !text) return;
    for (var i = 0; i < 2; i++) {  // halls say it twice
      var u = new SpeechSynthesisUtterance(text);
      u.lang = "zh-CN";
      u.rate = 0.9;
      window.speechSynthesis.speak(u);
    }
  }

  function announce() {
    var fresh = calls().filter(function (c) { return c.id > announced; }).sort(function (a, b) { return a.id - b.id; });
    fresh.forEach(function (c) {
      var caption = document.querySelector("[data-caption]");
      if (caption) {
        caption.textContent = c.say;
        caption.classList.remove("tk-flash");
        void caption.offsetWidth;  // restart the highlight
        caption.classList.add("tk-flash");
      }
      speak(c.say);
      announced = Math.max(announced, c.id);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    announced = calls().reduce(function (m, c) { return Math.max(m, c.id); }, 0);  // old calls stay unspoken
    var button = document.querySelector("[data-voice]");
    if (button) {
      button.addEventListener("click", function () {
        voice = true;
        button.classList.add("d-none");
        speak(" ");
      });
    }
    document.body.addEventListener("htmx:afterSettle", announce);
  });
})();
