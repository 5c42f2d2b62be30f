-- Item search in the admin UI (ItemService.search): "id starts with" and "text contains" are LIKE and
-- ILIKE patterns that a btree cannot answer; trigram indexes keep them from reading every item of a
-- big catalog. The text is every top-level attribute value: the expression must stay identical to
-- ItemService.SEARCH_TEXT for the planner to use the index. pg_trgm is a trusted extension, so the
-- database owner may create it (unlike pgvector, which needs a superuser).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX item_search ON item USING gin (
    external_id gin_trgm_ops,
    (jsonb_path_query_array(attributes, '$.*')::text) gin_trgm_ops);
