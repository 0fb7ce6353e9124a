// The browser phone: sends each turn without reloading the page, and adds speech where the browser has it
// (Web Speech API: recognition and synthesis in ja-JP). Typing and the keypad always work, also without this file.
(function () {
  "use strict";
  var callBox = document.getElementById("call");
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var synth = window.speechSynthesis;

  function speakAll(texts) {
    var toggle = document.getElementById("speak");
    if (!synth || !toggle || !toggle.checked) return;
    synth.cancel();
    texts.forEach(function (text) {
      var utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = "ja-JP";
      synth.speak(utterance);
    });
  }

  function setUp() {
    var toggle = document.querySelector(".speak-toggle");
    if (toggle && synth) toggle.hidden = false;
    var mic = document.getElementById("mic");
    if (mic && Recognition) {
      mic.hidden = false;
      mic.onclick = listen;
    }
    var text = document.getElementById("text");
    if (text) text.focus();
  }

  function listen() {
    var mic = document.getElementById("mic");
    var recognition = new Recognition();
    recognition.lang = "ja-JP";
    recognition.interimResults = false;
    recognition.maxAlternatives = 1;
    mic.classList.add("listening");
    recognition.onresult = function (event) {
      var best = event.results[0][0];
      var form = document.getElementById("say");
      form.elements.text.value = best.transcript;
      form.elements.confidence.value = best.confidence ? best.confidence.toFixed(3) : "";
      form.requestSubmit(document.getElementById("send"));
    };
    recognition.onend = function () { mic.classList.remove("listening"); };
    recognition.onerror = recognition.onend;
    recognition.start();
  }

  document.addEventListener("click", function (event) {
    var preset = event.target.closest("[data-at]");
    if (preset) document.getElementById("at").value = preset.dataset.at;
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-try]") || !window.fetch || !window.FormData) return;
    event.preventDefault();
    var data = new FormData(form, event.submitter || undefined);
    if (form.id === "say") form.elements.confidence.value = "";
    form.classList.add("busy");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
      .then(function (pair) {
        var body = pair[1];
        if (!pair[0].ok) throw new Error(body.error || "送信できませんでした。");
        var old = document.getElementById("try-error");
        if (old) old.remove();
        callBox.innerHTML = body.html;
        var start = document.getElementById("start");
        if (start) start.textContent = "かけ直す";
        setUp();
        var transcript = document.getElementById("transcript");
        if (transcript && transcript.lastElementChild) transcript.lastElementChild.scrollIntoView({ block: "nearest" });
        speakAll(body.speak || []);
      })
      .catch(function (error) {
        var box = document.getElementById("try-error");
        if (!box) {
          box = document.createElement("p");
          box.id = "try-error";
          box.className = "error card";
          box.setAttribute("role", "alert");
          callBox.parentNode.insertBefore(box, callBox);
        }
        box.textContent = error.message;
      })
      .finally(function () { form.classList.remove("busy"); });
  });

  setUp();
})();
