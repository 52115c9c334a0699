// Site search with Pagefind: an enhancement of the search page, which lists every page without it.
const root = document.getElementById("site-search");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const bundle = new URL("../../pagefind/pagefind.js", import.meta.url).href;
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
    kind.textContent = (data.meta && data.meta.kind) || "Page";
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
  status.textContent = items.length
    ? `${total > items.length ? `The first ${items.length} of ${total}` : items.length} ${total === 1 ? "page matches" : "pages match"} “${query}”.`
    : `No page matches “${query}”.`;
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
    status.textContent = "Search is not available right now; the list of every page is below.";
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
