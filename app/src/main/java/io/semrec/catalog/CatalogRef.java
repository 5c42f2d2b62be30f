package io.semrec.catalog;

/** What the request path needs of a catalog, cached by {@link CatalogDirectory}. */
public record CatalogRef(long id, String slug, CatalogSettings settings, Long activeModelId) {

    static CatalogRef of(Catalog catalog) {
        return new CatalogRef(catalog.id, catalog.slug, catalog.settings, catalog.activeModelId);
    }
}
