package io.semrec.admin;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;

/** How the admin templates write measured values: {@code {model.ndcg.measured}} gives "0.0412", or "–" when absent. */
@TemplateExtension
public class MetricFormats {

    private MetricFormats() {
    }

    static String measured(Number value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value.doubleValue());
    }
}
