package io.semrec.admin;

import io.quarkus.qute.TemplateGlobal;
import java.util.List;

/** The admin UI's areas in navigation order: a new area adds its entry here. */
public enum Section {
    CATALOGS("catalogs", "Catalogs", "/admin/catalogs"),
    TRAINING("training", "Training", "/admin/training"),
    API_KEYS("api-keys", "API keys", "/admin/api-keys"),
    SYSTEM("system", "System", "/admin/system");

    /** What a page passes to the layout to mark its area as current. */
    public final String id;
    public final String label;
    public final String path;

    Section(String id, String label, String path) {
        this.id = id;
        this.label = label;
        this.path = path;
    }

    /** The navigation, available to every template as {@code sections}. */
    @TemplateGlobal(name = "sections")
    static List<Section> navigation() {
        return List.of(values());
    }
}
