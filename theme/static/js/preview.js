// Citation and term previews in place (a disclosure: inserted after its link, Escape closes);
// without this script the links jump to the source list or the glossary.
(() => {
  // The words are the site's (content/data/labels.yaml), on this script's own element.
  const words = document.currentScript.dataset;
  const SEL = 'sup.cite > a[href^="#"], a.term[href]';
  let box, owner, wanted, openT, closeT, touched = false, quiet = false;
  const pages = new Map();

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  const target = (a) => new URL(a.href, location.href);

  function content(a) {
    const url = target(a), id = decodeURIComponent(url.hash.slice(1));
    if (!a.classList.contains("term")) {
      const item = document.getElementById(id);
      if (!item) return null;
      const copy = item.cloneNode(true);
      copy.querySelectorAll(".backref, .backrefs").forEach((n) => n.remove());
      return { label: words.source.replace("{number}", a.textContent.trim()),
               nodes: [...copy.childNodes], href: "#" + id, more: words.moreSource };
    }
    const page = url.href.split("#")[0];
    if (!pages.has(page)) {
      pages.set(page, fetch(page).then((r) => (r.ok ? r.text() : null))
        .then((t) => t && new DOMParser().parseFromString(t, "text/html")).catch(() => null));
    }
    return pages.get(page).then((doc) => {
      const entry = doc && doc.getElementById(id);
      const def = entry && (entry.querySelector("dd p") || entry.querySelector("dd"));
      if (!def) return null;
      const term = entry.querySelector("dfn, dt");
      const span = el("span");
      span.append(...document.importNode(def, true).childNodes);
      return { label: term ? term.textContent.trim() : a.textContent, nodes: [span],
               href: a.href, more: words.moreGlossary };
    });
  }

  function place(a) {
    const r = a.getBoundingClientRect(), w = box.offsetWidth, h = box.offsetHeight;
    const x = window.scrollX, y = window.scrollY, width = document.documentElement.clientWidth;
    let left = Math.max(x + 12, Math.min(r.left + x - 16, x + width - w - 12));
    let top = r.bottom + y + 6;
    if (r.bottom + 6 + h > window.innerHeight && r.top - 6 - h > 0) top = r.top + y - 6 - h;
    box.style.left = Math.round(left) + "px";
    box.style.top = Math.round(top) + "px";
  }

  async function open(a) {
    clearTimeout(closeT);
    if (owner === a) return;
    wanted = a;
    const c = await content(a);
    if (!c || wanted !== a) return;
    close();
    if (!box) {
      box = el("span", "preview");
      box.id = "orbit-preview";
      box.setAttribute("role", "group");
      box.addEventListener("pointerenter", () => clearTimeout(closeT));
      box.addEventListener("pointerleave", (e) => e.pointerType === "mouse" && later());
      box.addEventListener("focusout", left);
    }
    const body = el("span", "preview-body");
    body.append(...c.nodes);
    const more = el("a", "preview-more", c.more);
    more.href = c.href;
    box.replaceChildren(el("span", "preview-label", c.label), body, more);
    box.setAttribute("aria-label", c.label);
    a.after(box);
    box.hidden = false;
    place(a);
    owner = a;
    a.setAttribute("aria-expanded", "true");
    a.setAttribute("aria-describedby", box.id);
  }

  function close() {
    clearTimeout(openT);
    clearTimeout(closeT);
    wanted = null;
    if (!owner) return;
    box.hidden = true;
    owner.setAttribute("aria-expanded", "false");
    owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function later() {
    clearTimeout(closeT);
    closeT = setTimeout(close, 300);
  }

  function left(e) {
    const next = e.relatedTarget;
    if (next && (next === owner || box.contains(next) || next.matches(SEL))) return;
    close();
  }

  document.querySelectorAll(SEL).forEach((a) => {
    a.setAttribute("aria-expanded", "false");
    a.addEventListener("pointerenter", (e) => {
      if (e.pointerType !== "mouse") return;
      clearTimeout(openT);
      clearTimeout(closeT);
      openT = setTimeout(() => open(a), 150);
    });
    a.addEventListener("pointerleave", (e) => {
      if (e.pointerType !== "mouse") return;
      clearTimeout(openT);
      later();
    });
    a.addEventListener("focus", () => !quiet && a.matches(":focus-visible") && open(a));
    a.addEventListener("blur", (e) => box && left(e));
    a.addEventListener("pointerdown", (e) => { touched = e.pointerType !== "mouse"; });
    a.addEventListener("click", (e) => {
      if (!touched) return close();
      touched = false;
      if (owner === a) return;
      e.preventDefault();
      open(a);
    });
  });

  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !owner) return;
    const back = owner, inside = box.contains(document.activeElement);
    close();
    if (inside) {
      quiet = true;
      back.focus({ preventScroll: true });
      quiet = false;
    }
  });
  document.addEventListener("pointerdown", (e) => {
    if (owner && !box.contains(e.target) && !owner.contains(e.target)) close();
  });
  window.addEventListener("resize", () => owner && place(owner));
})();

document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(source.textContent.replace(/\s+/g, " ").trim()).then(
      () => { button.textContent = button.dataset.copied; setTimeout(() => { button.textContent = label; }, 2000); },
      () => { button.textContent = button.dataset.refused; });
  });
});
