// Client-side search over the index blocpress writes at build time (search/index.json).
// Titles and summaries are folded here, queries too: no diacritics, đ → d, lowercase (the index
// carries the other words already folded). Every word of the query must start a word of the
// entry; titles weigh more than the rest.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var output = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !output) return;
  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var index = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(form.getAttribute("data-index")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      index = data.map(function (e) {
        e.ft = " " + fold(e.t);
        e.fx = " " + fold(e.t + " " + e.s) + " " + e.x;
        return e;
      });
      return index;
    });
  }

  function search(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var e = index[i], score = 0, ok = true;
      for (var j = 0; j < words.length; j++) {
        var w = " " + words[j];
        if (e.ft.indexOf(w) >= 0) score += 3;
        else if (e.fx.indexOf(w) >= 0) score += 1;
        else { ok = false; break; }
      }
      if (ok) hits.push({ e: e, score: score, order: i });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits.slice(0, 50);
  }

  function render(query, hits) {
    output.textContent = "";
    status.textContent = query ? (hits.length ? labels.found.replace("{n}", hits.length) : labels.none) : "";
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit.e.u;
      a.textContent = hit.e.t;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " · " + labels.kinds[hit.e.k] + (hit.e.d ? " · " + hit.e.d : "");
      li.appendChild(a);
      li.appendChild(meta);
      if (hit.e.s) {
        var p = document.createElement("p");
        p.textContent = hit.e.s;
        li.appendChild(p);
      }
      output.appendChild(li);
    });
  }

  function run() {
    var query = input.value;
    load().then(function () { render(query, search(query)); })
      .catch(function () { status.textContent = labels.error; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run();
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
