// Client-side full-text search over the index blocpress writes at build time (see
// src/render/search.rs): search/index.json names the chunks of the sorted word list; a query
// loads only the chunks holding its words, then the bundles holding the cards of the results
// shown (16 documents a bundle), then the pages of those results, whose text the snippet is cut
// from (the text is published once, in its page). Queries are folded like the index: no
// diacritics, đ → d, lowercase. Every word of the query must start a word of the document; a
// match in the title weighs more.
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var output = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !output) return;
  var labels = JSON.parse(document.getElementById("search-labels").textContent);
  var base = form.getAttribute("data-index").replace(/index\.json$/, "");
  // While the reader types, the pages of the results shown are fetched for their snippets only
  // once the query has not changed for SETTLE ms (a summary shows until then).
  var PAGE = 10, MAX_CHUNKS = 4, SETTLE = 250;
  var meta = null, chunks = {}, bundles = {}, texts = {}, generation = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function getJson(path) {
    return fetch(base + path + "?h=" + (meta ? meta.h : "")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return fetch(base + "index.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (m) { meta = m; return m; });
  }

  function chunk(n) {
    if (!chunks[n]) chunks[n] = getJson("c/" + n + ".json");
    return chunks[n];
  }

  function doc(id) {
    var n = Math.floor(id / meta.b);
    if (!bundles[n]) bundles[n] = getJson("r/" + n + ".json");
    return bundles[n].then(function (cards) { return cards[id % meta.b]; });
  }

  // The searchable text of the page at `url`: its elements marked data-search-text (the body
  // of a news item, a page, a narrative), else its <main>; and its description (a news item's
  // summary). Parsed, never run: DOMParser runs no script. A page that cannot be read gives no
  // text.
  function pageText(url) {
    if (!texts[url]) {
      texts[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var marked = page.querySelectorAll("[data-search-text]");
        var parts = marked.length ? Array.prototype.slice.call(marked) : [page.querySelector("main") || page.body];
        var meta = page.querySelector('meta[name="description"]');
        return {
          text: parts.map(function (e) { return e ? e.textContent : ""; }).join(" ").replace(/\s+/g, " ").trim(),
          description: meta ? meta.getAttribute("content") || "" : ""
        };
      }).catch(function () { return { text: "", description: "" }; });
    }
    return texts[url];
  }

  // The chunks that can hold words starting with `word`: the one where `word` would be, and the
  // following ones while they start with it (a short prefix spanning many chunks reads only the
  // first few).
  function chunksFor(word) {
    var c = meta.c, lo = 0, hi = c.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (c[mid] <= word) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    var list = [at];
    for (var i = at + 1; i < c.length && c[i].lastIndexOf(word, 0) === 0 && list.length < MAX_CHUNKS; i++) list.push(i);
    return list;
  }

  function decode(deltas, into, weight) {
    var id = 0;
    for (var i = 0; i < deltas.length; i++) {
      id += deltas[i];
      if (!(into[id] >= weight)) into[id] = weight;
    }
  }

  // id → score of one query word: 3 when a word of the title starts with it, 1 elsewhere,
  // +1 when a word is exactly it.
  function matches(word) {
    return Promise.all(chunksFor(word).map(chunk)).then(function (loaded) {
      var found = {};
      loaded.forEach(function (words) {
        for (var w in words) {
          if (w.lastIndexOf(word, 0) !== 0) continue;
          var exact = w === word ? 1 : 0;
          decode(words[w][0], found, 3 + exact);
          decode(words[w][1], found, 1 + exact);
        }
      });
      return found;
    });
  }

  function search(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return Promise.resolve({ words: words, hits: [] });
    return Promise.all(words.map(matches)).then(function (sets) {
      var hits = [];
      for (var id in sets[0]) {
        var score = 0, ok = true;
        for (var j = 0; j < sets.length; j++) {
          var s = sets[j][id];
          if (!s) { ok = false; break; }
          score += s;
        }
        if (ok) hits.push({ id: +id, score: score });
      }
      hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return { words: words, hits: hits };
    });
  }

  // Appends `text` to `parent` with every word that starts with a query word in <mark>; DOM
  // text nodes only, so nothing in the text is read as HTML.
  function highlight(parent, text, words) {
    var re = /[\p{L}\p{N}]+/gu, last = 0, m;
    while ((m = re.exec(text))) {
      var f = fold(m[0]);
      if (words.some(function (w) { return f.lastIndexOf(w, 0) === 0; })) {
        parent.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        parent.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // About 30 words of the text around the first match (or its start).
  function snippet(text, words) {
    var re = /[\p{L}\p{N}]+/gu, m, starts = [], first = -1;
    while ((m = re.exec(text))) {
      starts.push(m.index);
      if (first < 0) {
        var f = fold(m[0]);
        if (words.some(function (w) { return f.lastIndexOf(w, 0) === 0; })) first = starts.length - 1;
      }
      if (first >= 0 && starts.length > first + 24) break;
    }
    if (first < 0) return null;
    var from = Math.max(0, first - 8);
    var start = starts[from], end = starts.length > first + 24 ? starts[first + 24] : text.length;
    return (from > 0 ? "… " : "") + text.slice(start, end).trim() + (end < text.length ? " …" : "");
  }

  // A result: its title and kind, and its summary until the snippet replaces it.
  function item(d, words) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = d.u;
    highlight(a, d.t, words);
    var info = document.createElement("span");
    info.className = "meta";
    info.textContent = " · " + (labels.kinds[d.k] || "") + (d.d ? " · " + d.d : "");
    li.appendChild(a);
    li.appendChild(info);
    if (d.s) {
      var p = document.createElement("p");
      highlight(p, d.s, words);
      li.appendChild(p);
    }
    return li;
  }

  // The first `max` characters of `text`, cut at a word.
  function clip(text, max) {
    if (text.length <= max) return text;
    var cut = text.slice(0, max), space = cut.lastIndexOf(" ");
    return (space > max / 2 ? cut.slice(0, space) : cut) + "…";
  }

  // Cuts each shown result's snippet from its page's text. A page without a match keeps the
  // card's summary, else shows its description (the match was in the title, the summary or the
  // tags).
  function snippets(shown, words, mine) {
    return Promise.all(shown.map(function (s) {
      return pageText(s.d.u).then(function (page) {
        if (mine !== generation) return;
        var cut = snippet(page.text, words);
        if (!cut && !s.d.s && page.description) cut = snippet(page.description, words) || clip(page.description, 160);
        if (!cut) return;
        var p = s.li.querySelector("p");
        if (!p) p = s.li.appendChild(document.createElement("p"));
        p.textContent = "";
        highlight(p, cut, words);
      });
    }));
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // Shows results `from` to `from + PAGE`, then their snippets (after `delay` ms, if the query
  // is still the same).
  function show(result, from, mine, delay) {
    var page = result.hits.slice(from, from + PAGE);
    return Promise.all(page.map(function (h) { return doc(h.id); })).then(function (loaded) {
      if (mine !== generation) return;
      if (from === 0) output.textContent = "";
      var more = document.getElementById("search-more");
      if (more) more.remove();
      var shown = loaded.map(function (d) {
        var li = item(d, result.words);
        output.appendChild(li);
        return { d: d, li: li };
      });
      if (from + PAGE < result.hits.length) {
        var button = document.createElement("button");
        button.type = "button";
        button.id = "search-more";
        button.className = "search-more";
        button.textContent = labels.more;
        button.addEventListener("click", function () { show(result, from + PAGE, mine, 0); });
        output.after(button);
      }
      output.setAttribute("aria-busy", "true");
      return wait(shown.length ? delay : 0).then(function () {
        if (mine !== generation) return;
        return snippets(shown, result.words, mine);
      }).then(function () {
        if (mine === generation) output.setAttribute("aria-busy", "false");
      });
    });
  }

  // The status is announced once the results have their snippets (or failed to get them).
  function run(delay) {
    var query = input.value, mine = ++generation;
    loadMeta().then(function () { return search(query); }).then(function (result) {
      if (mine !== generation) return;
      return show(result, 0, mine, delay).then(function () {
        if (mine !== generation) return;
        var n = result.hits.length;
        status.textContent = result.words.length ? (n ? labels.found.replace("{n}", n) : labels.none) : "";
      });
    }).catch(function () { if (mine === generation) status.textContent = labels.error; });
    status.textContent = "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    run(0);
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(SETTLE); }, 40);
  });
  input.addEventListener("focus", function () { loadMeta().catch(function () {}); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(0); }
})();
