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

  // --- ConversationRelay: the browser plays Twilio's side of the relay socket ---------------------------------
  // setup, then the operator's words as prompt messages and keys as dtmf; the assistant's text tokens are shown
  // and spoken as they come. Input while it speaks is a barge-in: interrupt (with what was heard so far) goes
  // first, unless the token being spoken may not be interrupted (a number), when the input waits for its end.
  // The session's end (its handoff) goes to /try/relay/end, and the call goes on as any other from there.
  var RELAY_DOWN = "ConversationRelay のソケットにつながりません。ivr serve がソケットを開いているか(--relay-port)、" +
                   "プロキシが /relay/ws を通すかを確かめてください。";
  var RELAY_LOST = "ConversationRelay の接続が切れました。新しい通話を始めてください。";
  var relay = null;

  function speaking() {
    var toggle = document.getElementById("speak");
    return !!(synth && toggle && toggle.checked);
  }

  function stopRelay() {
    if (!relay) return;
    relay.ended = true;
    try { relay.socket.close(); } catch (error) { /* already closed */ }
    relay = null;
  }

  function startRelay(body) {
    stopRelay();
    var box = callBox.querySelector("[data-relay]");
    var session = { box: box, turns: [], current: null, queue: [], speaking: null, heard: "", began: 0,
                    pending: [], ended: false, opened: false };
    try {
      session.socket = new WebSocket(body.socket);
    } catch (error) {
      showError(RELAY_DOWN);
      return;
    }
    relay = session;
    session.socket.onopen = function () {
      session.opened = true;
      relaySend(session, { type: "setup", callSid: body.call_sid, from: body.caller || "", to: "",
                           customParameters: {} });
    };
    session.socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (message.type === "text") relayToken(session, message);
      else if (message.type === "end") relayEnd(session, message);
    };
    session.socket.onclose = function () {
      if (session.ended) return;
      session.ended = true;
      showError(session.opened ? RELAY_LOST : RELAY_DOWN);
      session.box.querySelectorAll("form button, form input").forEach(function (el) { el.disabled = true; });
    };
  }

  function relaySend(session, message) {
    if (session.socket.readyState === WebSocket.OPEN) session.socket.send(JSON.stringify(message));
  }

  function relayToken(session, message) {
    if (!session.current) {
      var li = document.createElement("li");
      li.className = "turn assistant streaming";
      li.innerHTML = '<span class="who">アシスタント</span><p class="say"></p>';
      document.getElementById("transcript").appendChild(li);
      session.current = { li: li, turn: { who: "assistant", say: "" } };
      session.turns.push(session.current.turn);
      session.heard = "";
      session.began = Date.now();
    }
    session.current.turn.say += message.token;
    session.current.li.querySelector(".say").textContent = session.current.turn.say;
    if (message.last) session.current.li.classList.remove("streaming");
    session.current.li.scrollIntoView({ block: "nearest" });
    session.queue.push({ text: message.token, interruptible: message.interruptible !== false });
    relayPlay(session);
  }

  function relayPlay(session) {
    if (session.speaking || !session.queue.length) return;
    if (!speaking()) {  // nothing is spoken: the caller has heard it all at once
      session.queue.forEach(function (item) { session.heard += item.text; });
      session.queue = [];
      relayFlush(session);
      return;
    }
    var head = session.queue[0];
    session.speaking = head;
    var utterance = new SpeechSynthesisUtterance(head.text);
    utterance.lang = "ja-JP";
    utterance.onend = utterance.onerror = function () {
      if (session.speaking !== head) return;  // cut off by a barge-in
      session.heard += head.text;
      session.speaking = null;
      session.queue.shift();
      relayFlush(session);
      relayPlay(session);
    };
    synth.speak(utterance);
  }

  function relayFlush(session) {
    while (session.pending.length && (!session.queue.length || session.queue[0].interruptible)) {
      relayInput(session, session.pending.shift());
    }
  }

  function relayInput(session, input) {
    if (session.ended) return;
    if (session.queue.length) {
      if (!session.queue[0].interruptible) {  // a number being read: heard whole, then the input
        session.pending.push(input);
        return;
      }
      relaySend(session, { type: "interrupt", utteranceUntilInterrupt: session.heard,
                           durationUntilInterruptMs: Date.now() - session.began });
      session.queue = [];
      session.speaking = null;
      if (synth) synth.cancel();
      if (session.current) {
        session.current.turn.interrupted = true;
        var note = document.createElement("p");
        note.className = "muted small interrupted";
        note.textContent = "(途中で割り込みました)";
        session.current.li.appendChild(note);
      }
    }
    var li = document.createElement("li");
    li.className = "turn caller";
    li.innerHTML = '<span class="who">あなた</span><p class="say"></p>';
    var turn = { who: "caller" };
    if (input.dtmf) {
      turn.dtmf = input.dtmf;
      li.querySelector(".say").textContent = "[キー " + input.dtmf + "]";
    } else if (input.text) {
      turn.text = input.text;
      turn.typed = input.typed;
      li.querySelector(".say").textContent = input.text;
    } else {
      li.querySelector(".say").textContent = "(無言)";
    }
    document.getElementById("transcript").appendChild(li);
    session.turns.push(turn);
    session.current = null;
    if (input.dtmf) {
      relaySend(session, { type: "dtmf", digit: input.dtmf });
    } else {
      relaySend(session, { type: "prompt", voicePrompt: input.text || "", lang: "ja-JP", last: true,
                           input: input.typed ? "typed" : "voice" });
    }
  }

  function relayEnd(session, message) {
    session.ended = true;
    var data = new FormData();
    data.append("csrf_token", session.box.closest("body").querySelector("input[name=csrf_token]").value);
    data.append("token", session.box.dataset.token);
    data.append("handoff", message.handoffData || "");
    data.append("transcript", JSON.stringify(session.turns));
    try { session.socket.close(); } catch (error) { /* closed by the service */ }
    if (relay === session) relay = null;
    post(session.box.dataset.relay, data);
  }

  function relayForm(form, submitter) {
    if (form.id === "keypad") {
      if (submitter && submitter.value) relayInput(relay, { dtmf: submitter.value });
      return;
    }
    var text = form.elements.text.value.trim();
    var typed = form.elements.input.value !== "voice";
    form.elements.text.value = "";
    form.elements.input.value = "typed";
    relayInput(relay, text ? { text: text, typed: typed } : {});
  }

  document.addEventListener("click", function (event) {
    var preset = event.target.closest("[data-at]");
    if (preset) document.getElementById("at").value = preset.dataset.at;
  });

  function post(url, data, form, then) {
    if (form) form.classList.add("busy");
    return fetch(url, { method: "POST", body: data, credentials: "same-origin",
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
        if (then) then(body);
      })
      .catch(function (error) { showError(error.message); })
      .finally(function () { if (form) form.classList.remove("busy"); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-try]") || !window.fetch || !window.FormData) return;
    event.preventDefault();
    if (relay && relay.box.contains(form)) {  // the call is on the relay socket: its input goes there
      relayForm(form, event.submitter);
      return;
    }
    var data = new FormData(form, event.submitter || undefined);
    if (form.id === "say") form.elements.confidence.value = "";
    if (form.id === "say") form.elements.input.value = "typed";
    var flow = form.elements.flow;
    if (flow && flow.value === "relay") {
      if (!window.WebSocket) {
        showError("このブラウザでは ConversationRelay を試せません(WebSocket がありません)。");
        return;
      }
      stopRelay();
      post(flow.dataset.relayStart, data, form, startRelay);
      return;
    }
    if (form.querySelector("#start")) stopRelay();
    post(form.action, data, form);
  });

  setUp();
})();
