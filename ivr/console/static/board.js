// Lines board: fetch the board again every few seconds and swap it in, without reloading the page.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.fetch) return;
  var every = (parseInt(board.dataset.every, 10) || 30) * 1000;
  function refresh() {
    fetch(board.dataset.refresh, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        board.innerHTML = html;
        board.dataset.refreshedAt = new Date().toISOString();
      })
      .catch(function () {
        var mark = board.querySelector("[data-refreshed]");
        if (mark) mark.textContent = "更新できませんでした(再試行します)";
      });
  }
  setInterval(refresh, every);
})();
