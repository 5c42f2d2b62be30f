package io.semrec.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Data for a page's scripts, such as chart points, as JSON for a {@code data-} attribute (where the
 * template's HTML escaping is exactly what the browser undoes).
 */
@ApplicationScoped
public class PageJson {

    private final ObjectMapper json;

    PageJson(ObjectMapper json) {
        this.json = json;
    }

    public String of(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable for a page: " + data.getClass().getName(), e);
        }
    }
}
