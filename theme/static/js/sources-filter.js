// Sources filter: an enhancement. Without this script every source is listed, by publisher.
// The markup carries nothing for it but the list itself: a publisher option names its
// section's heading (its id), a page option is the address its "Cited on" links lead to.
(() => {
  const form = document.getElementById("source-filters");
  const status = document.getElementById("source-status");
  if (!form) return;
  const page = (href) => new URL(href, location.href).href.split("#")[0];
  const groups = [...document.querySelectorAll("section.publisher")].map((section) => ({
    section,
    id: section.querySelector("h2").id,
    items: [...section.querySelectorAll("li")].map((item) => ({
      item,
      pages: [...item.querySelectorAll(".cited-on a")].map((a) => page(a.href)),
    })),
  }));
  const total = groups.reduce((n, g) => n + g.items.length, 0);

  function apply() {
    const publisher = form.elements.publisher.value;
    const cited = form.elements.page.value && page(form.elements.page.value);
    let shown = 0;
    for (const group of groups) {
      let inGroup = 0;
      for (const { item, pages } of group.items) {
        const on = (!publisher || group.id === publisher) && (!cited || pages.includes(cited));
        item.hidden = !on;
        if (on) inGroup += 1;
      }
      group.section.hidden = inGroup === 0;
      shown += inGroup;
    }
    // The words are the site's (content/data/labels.yaml), in data-all and data-some.
    const words = shown === total ? status.dataset.all : status.dataset.some;
    status.textContent = words.replace("{total}", total).replace("{shown}", shown);
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", (e) => e.preventDefault());
  apply();
})();
