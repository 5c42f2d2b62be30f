package io.semrec.model;

import io.semrec.catalog.CatalogDirectory;
import io.semrec.catalog.CatalogRef;
import io.semrec.serving.ModelVectorCache;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Switching and dropping a catalog's models as serving must see it, for the API and the admin UI
 * alike: vectors loaded before a switch, cached copies dropped after.
 */
@ApplicationScoped
public class ModelActivation {

    private final ModelService models;
    private final ModelVectorCache vectors;
    private final CatalogDirectory directory;

    ModelActivation(ModelService models, ModelVectorCache vectors, CatalogDirectory directory) {
        this.models = models;
        this.vectors = vectors;
        this.directory = directory;
    }

    /** Serves the catalog from this model from now on; activating an earlier model is a rollback. */
    public ModelView activate(CatalogRef catalog, long modelId) {
        models.get(catalog, modelId); // 404 unless the model is this catalog's
        // Its vectors are loaded before the switch, so this replica's first requests on it do not wait.
        vectors.preload(modelId);
        ModelView activated = models.activate(catalog, modelId);
        directory.evict(catalog.slug());
        return activated;
    }

    /** Drops the model with its vectors; the active model answers 409. */
    public void delete(CatalogRef catalog, long modelId) {
        models.delete(catalog, modelId);
        vectors.evict(modelId);
    }
}
