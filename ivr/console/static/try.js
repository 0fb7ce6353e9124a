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

  // What the browser's speech recogniser reports, said to the operator in Japanese (the codes are the Web Speech
  // API's SpeechRecognitionErrorEvent.error values).
  var MIC_ERRORS = {
    "not-allowed": "マイクの使用が許可されていません。アドレスバーの鍵のマークからこのページのマイクを許可するか、文字で入力してください。",
    "service-not-allowed": "このブラウザでは音声認識が使えません。文字で入力してください。",
    "audio-capture": "マイクが見つかりません。マイクをつなぐか、文字で入力してください。",
    "no-speech": "声が聞こえませんでした。もう一度「声で話す」を押して話してください。",
    "network": "音声認識のサービスにつながりません。文字で入力してください。"
  };

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
      form.elements.input.value = "voice";
      form.requestSubmit(document.getElementById("send"));
    };
    recognition.onend = function () { mic.classList.remove("listening"); };
    recognition.onerror = function (event) {
      mic.classList.remove("listening");
      if (event.error === "aborted") return;
      showError(MIC_ERRORS[event.error] || "音声を聞き取れませんでした(" + event.error + ")。文字で入力してください。");
    };
    try {
      recognition.start();
    } catch (error) {
      mic.classList.remove("listening");
      showError("マイクを使えませんでした。文字で入力してください。");
    }
  }

  function showError(message) {
    var box = document.getElementById("try-error");
    if (!box) {
      box = document.createElement("p");
      box.id = "try-error";
      box.className = "error card";
      box.setAttribute("role", "alert");
      callBox.parentNode.insertBefore(box, callBox);
    }
    box.textContent = message;
  }

  function clearError() {
    var old = document.getElementById("try-error");
    if (old) old.remove();
  }

  // fetch rejects with the browser's own English ("Failed to fetch") when nothing answers; a proxy's error page
  // is not JSON. Both become one sentence in Japanese.
  var SERVER_DOWN = "サーバーにつながりません。ivr serve が動いているか、ネットワークを確かめて、もう一度お試しください。";

  function answerOf(response) {
    return response.json().then(function (body) { return [response, body]; }, function () {
      throw new Error("サーバーから正しい答えが返りませんでした(HTTP " + response.status + ")。少し待ってから、もう一度お試しください。");
    });
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
    if (form.id === "say") form.elements.input.value = "typed";
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                         headers: { "X-Requested-With": "fetch" } })
      .then(answerOf, function () { throw new Error(SERVER_DOWN); })
      .then(function (pair) {
        var body = pair[1];
        if (!pair[0].ok) throw new Error(body.error || "送信できませんでした。もう一度お試しください。");
        clearError();
        callBox.innerHTML = body.html;
        var start = document.getElementById("start");
        if (start) start.textContent = "かけ直す";
        setUp();
        var transcript = document.getElementById("transcript");
        if (transcript && transcript.lastElementChild) transcript.lastElementChild.scrollIntoView({ block: "nearest" });
        speakAll(body.speak || []);
      })
      .catch(function (error) { showError(error.message); })
      .finally(function () { form.classList.remove("busy"); });
  });

  setUp();
})();
