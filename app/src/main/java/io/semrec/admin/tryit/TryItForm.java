package io.semrec.admin.tryit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The try-it form as sent: the history (item ids, oldest first), the item to add, the position to
 * remove, and the model to compare with.
 *
 * @param adding what was typed into the item field; null when nothing
 * @param removed whether a history item was taken out
 * @param model the compared model's id as sent: null when not sent, empty for none
 */
public record TryItForm(List<String> history, String adding, boolean removed, String model) {

    static TryItForm of(List<String> history, String add, Integer remove, String model) {
        List<String> items = new ArrayList<>(history == null ? List.of()
                : history.stream().map(String::strip).filter(id -> !id.isEmpty()).toList());
        boolean removed = remove != null && remove >= 0 && remove < items.size();
        if (removed) {
            items.remove(remove.intValue());
        }
        return new TryItForm(List.copyOf(items), add == null || add.isBlank() ? null : add.strip(), removed, model);
    }

    /** The history with the typed item id added at its end. */
    TryItForm withAdded() {
        return new TryItForm(Stream.concat(history.stream(), Stream.of(adding)).toList(), null, removed, model);
    }

    /** The page's address for this history and model choice. */
    String address(String slug) {
        Stream<String> params = Stream.concat(history.stream().map(id -> "history=" + encode(id)),
                model == null ? Stream.empty() : Stream.of("model=" + encode(model)));
        return TryItPage.PATH.replace("{slug}", slug) + params.collect(Collectors.joining("&", "?", ""));
    }

    /** The model to compare with: the one chosen, none, or (when no choice was sent) the newest other model. */
    Long comparedModel(Optional<Long> newestOther) {
        if (model == null) {
            return newestOther.orElse(null);
        }
        try {
            return model.isBlank() ? null : Long.valueOf(model.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
