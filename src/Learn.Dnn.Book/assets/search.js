// Learn.Dnn book: offline search. The index (search-index.js, built with the site) lists every section
// of every page: its address, page title, heading and prose. A query matches a section that contains
// every word of it; matches in a heading rank above matches in the prose. No network, no library.
(function () {
  "use strict";
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-results");
  const index = window.LEARN_DNN_SEARCH;
  if (!input || !list || !Array.isArray(index)) return;

  const entries = index.map(e => ({ ...e, heading: (e.p + " " + e.s).toLowerCase(), body: e.t.toLowerCase() }));

  function snippet(text, word) {
    const at = text.toLowerCase().indexOf(word);
    if (at < 0) return text.slice(0, 140);
    const start = Math.max(0, at - 50);
    return (start > 0 ? "…" : "") + text.slice(start, start + 160) + (start + 160 < text.length ? "…" : "");
  }

  function search(query) {
    const words = query.toLowerCase().split(/\s+/).filter(w => w.length > 0);
    if (words.length === 0) return [];
    const hits = [];
    for (const e of entries) {
      let score = 0;
      for (const w of words) {
        const inHeading = e.heading.includes(w), inBody = e.body.includes(w);
        if (!inHeading && !inBody) { score = -1; break; }
        score += (inHeading ? 10 : 0) + (inBody ? 1 : 0);
      }
      if (score > 0) hits.push({ e, score });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, 12).map(h => ({ ...h.e, snippet: snippet(h.e.t, words[0]) }));
  }

  function show(results, query) {
    list.replaceChildren();
    if (query.trim().length === 0) { list.hidden = true; return; }
    if (results.length === 0) {
      const li = document.createElement("li");
      li.className = "search-none";
      li.textContent = "Nothing found for “" + query.trim() + "”.";
      list.append(li);
    }
    for (const r of results) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = r.u;
      const title = document.createElement("span");
      title.className = "search-title";
      title.textContent = r.s ? r.p + " › " + r.s : r.p;
      const text = document.createElement("span");
      text.className = "search-snippet";
      text.textContent = r.snippet;
      a.append(title, text);
      li.append(a);
      list.append(li);
    }
    list.hidden = false;
  }

  input.addEventListener("input", () => show(search(input.value), input.value));
  // page.html?q=softmax opens with that search shown (a link can carry a search).
  const initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(search(initial), initial); }
  input.addEventListener("keydown", ev => {
    if (ev.key === "Escape") { input.value = ""; show([], ""); }
    if (ev.key === "Enter") { const first = list.querySelector("a"); if (first) window.location.href = first.href; }
  });
  document.addEventListener("keydown", ev => {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });
  document.addEventListener("click", ev => { if (!list.contains(ev.target) && ev.target !== input) list.hidden = true; });
})();
