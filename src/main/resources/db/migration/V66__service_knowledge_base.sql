-- service: the knowledge base (知识库) — articles in zh-CN and en, their categories, every saved version, and the
-- tickets each article helped to solve.

-- Categories, a small settings table.
create table knowledge_categories (
    id         bigint generated always as identity primary key,
    name       text        not null unique check (length(name) between 1 and 60),
    position   int         not null default 0,
    created_at timestamptz not null,
    created_by text        not null
);

-- An article as it stands now (its latest version). The search columns are derived from the title and body by
-- dev.retain.service.knowledge.SearchText whenever they are saved: the normalised texts (NFKC, lower case, one space)
-- for phrase matches, and tokens for the GIN indexes — each CJK character and each pair of neighbouring CJK
-- characters (Chinese has no spaces between words, and pg_trgm's trigrams miss one- and two-character words and, in a
-- database with the C locale, CJK characters altogether), and each Latin word with its prefixes (for suggestions as
-- someone types).
create table knowledge_articles (
    id             bigint generated always as identity primary key,
    title          text        not null check (length(title) between 1 and 200),
    body           text        not null check (length(body) <= 50000),
    locale         text        not null check (locale in ('zh-CN', 'en')),
    category_id    bigint      not null references knowledge_categories (id),
    visibility     text        not null check (visibility in ('PUBLIC', 'INTERNAL')),
    status         text        not null check (status in ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    translation_of bigint      references knowledge_articles (id),
    version        int         not null check (version >= 1),
    author         text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    updated_by     text        not null,
    published_at   timestamptz,
    use_count      bigint      not null default 0 check (use_count >= 0),
    title_norm     text        not null,
    body_norm      text        not null,
    title_tokens   text[]      not null,
    body_tokens    text[]      not null,
    check (translation_of is distinct from id)
);
create index knowledge_articles_title_tokens on knowledge_articles using gin (title_tokens);
create index knowledge_articles_body_tokens on knowledge_articles using gin (body_tokens);
-- No index serves the state or visibility alone, on purpose: a search may only read through the token indexes (or a
-- category's), since testing every article's tokens row by row is many times slower than the planner believes.
create index knowledge_articles_listing on knowledge_articles (category_id, updated_at desc);
create index knowledge_articles_translations on knowledge_articles (translation_of) where translation_of is not null;

-- Every save of an article, kept; a restore saves an older version's content as the newest one.
create table knowledge_article_versions (
    article_id     bigint      not null references knowledge_articles (id),
    version        int         not null,
    title          text        not null,
    body           text        not null,
    locale         text        not null,
    category_id    bigint      not null references knowledge_categories (id),
    visibility     text        not null,
    translation_of bigint,
    saved_at       timestamptz not null,
    saved_by       text        not null,
    restored_from  int,
    primary key (article_id, version)
);

-- An article an agent put into a reply on a ticket: once per article and ticket. Keyed by the ticket's customer, so
-- it is scoped like every customer's rows, moves with a merge (merge_id, moved_from: back on an unmerge) and goes with
-- the customer's erasure; the article's use_count keeps the number.
create table article_uses (
    customer_id bigint      not null,
    article_id  bigint      not null references knowledge_articles (id),
    ticket_id   bigint      not null,
    used_at     timestamptz not null,
    used_by     text        not null,
    merge_id    bigint,
    moved_from  bigint,
    primary key (customer_id, article_id, ticket_id)
);
create index article_uses_merges on article_uses (merge_id) where merge_id is not null;
create index article_uses_article on article_uses (article_id, used_at desc);
select scope_by_customer('article_uses');
