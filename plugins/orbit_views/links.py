"""Where each published article and page lives, as Pelican itself says after reading.

Built from Pelican's content objects once every generator has read its files, so a URL
setting such as ARTICLE_URL = "{date:%Y}/{slug}/" moves every card, menu entry and timeline
link with the page: there is no second URL scheme to keep in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Link:
    title: str
    url: str
    extra: dict = field(default_factory=dict)


@dataclass
class Links:
    """Published articles and visible pages by slug, with Pelican's `url` and `save_as`."""

    articles: dict  # slug -> schema.Article
    pages: dict  # slug -> schema.Page
    urls: dict[str, str]  # slug -> url
    saves: dict[str, str] = field(default_factory=dict)  # slug -> save_as
    by_template: dict = field(init=False)  # template -> schema.Page

    def __post_init__(self):
        self.by_template = {p.template: p for p in self.pages.values() if p.template}

    @classmethod
    def from_generators(cls, generators) -> Links:
        """From the generators' articles, pages and hidden pages (drafts are not linked)."""
        articles, pages, urls, saves = {}, {}, {}, {}
        for generator in generators:
            for kind, store in (("articles", articles), ("pages", pages), ("hidden_pages", pages)):
                for content in getattr(generator, kind, None) or []:
                    model = getattr(content, "model", None)
                    if model is None:
                        continue
                    store[model.slug] = model
                    urls[model.slug], saves[model.slug] = content.url, content.save_as
        return cls(articles, pages, urls, saves)

    def article(self, slug: str) -> str:
        return self.urls[slug]

    def page(self, slug: str) -> str:
        return self.urls[slug]

    def page_save_as(self, slug: str) -> str:
        return self.saves.get(slug, "")

    def view(self, template: str) -> Link | None:
        """The page rendered with a template (timeline, glossary…), if the site has one."""
        page = self.by_template.get(template)
        return Link(page.title, self.page(page.slug), {"summary": page.summary}) if page else None

    def slug(self, slug: str) -> Link | None:
        model = self.articles.get(slug) or self.pages.get(slug)
        return Link(model.title, self.urls[slug]) if model else None
