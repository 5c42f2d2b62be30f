package io.semrec.serving;

import io.semrec.api.ProblemException;
import io.semrec.catalog.CatalogSettings;
import java.util.List;

/**
 * Body of the anonymous-session endpoint. Checked by hand rather than by Bean Validation, which
 * costs this hot endpoint a method interceptor on every request.
 *
 * @param history item ids the session saw, oldest first; items the catalog does not know are ignored
 * @param k how many items to return
 */
public record SessionRequest(List<String> history, Integer k) {

    /** The history, or a 400 naming {@code history} when it is missing, too long or holds blank ids. */
    List<String> checkedHistory() {
        if (history == null) {
            throw ProblemException.invalidField("history", "required: the session's item ids, oldest first");
        }
        if (history.size() > CatalogSettings.MAX_HISTORY_LENGTH) {
            throw ProblemException.invalidField("history", "at most " + CatalogSettings.MAX_HISTORY_LENGTH + " items");
        }
        if (history.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw ProblemException.invalidField("history", "item ids must not be blank");
        }
        return history;
    }
}
