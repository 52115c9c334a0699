// Site search with Pagefind: an enhancement of the search page, which lists every page without it.
const root = document.getElementById("site-search");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const bundle = new URL("../../pagefind/pagefind.js", import.meta.url).href;
// The words are the site's (content/data/labels.yaml), in the status line's data- attributes,
// with {name}s filled in here.
const say = (words, values) => words.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
let pagefind = null;
let latest = 0;

async function load() {
  if (!pagefind) {
    pagefind = await import(bundle);
    await pagefind.options({ excerptLength: 24 });
  }
  return pagefind;
}

function render(items, query, total) {
  results.replaceChildren();
  for (const data of items) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
    // Each result says what kind of page it is (story, data, glossary, sources, page).
    const kind = document.createElement("span");
    kind.className = "badge result-kind";
    kind.textContent = (data.meta && data.meta.kind) || results.dataset.kind;
    const excerpt = document.createElement("p");
    excerpt.className = "meta";
    // Pagefind's excerpt is page text with <mark> around matches; keep only the marks.
    const template = document.createElement("template");
    template.innerHTML = data.excerpt;
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        excerpt.append(mark);
      } else {
        excerpt.append(document.createTextNode(node.textContent));
      }
    }
    li.append(kind, " ", link, excerpt);
    results.append(li);
  }
  const words = !items.length ? status.dataset.none
    : total > items.length ? status.dataset.first
    : total === 1 ? status.dataset.one : status.dataset.many;
  status.textContent = say(words, { shown: items.length, total, query });
}

async function search(query) {
  const ticket = ++latest;
  if (!query.trim()) {
    results.replaceChildren();
    status.textContent = "";
    return;
  }
  try {
    const pf = await load();
    const found = await pf.search(query);
    const items = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
    if (ticket === latest) render(items, query, found.results.length);
  } catch (error) {
    status.textContent = status.dataset.unavailable;
  }
}

if (root && input) {
  root.hidden = false;
  const form = root.querySelector("form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(input.value);
    history.replaceState(null, "", `?q=${encodeURIComponent(input.value)}`);
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 250);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
}
