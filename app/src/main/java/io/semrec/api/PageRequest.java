package io.semrec.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keyset pagination over ascending ids: the cursor is the opaque encoding of the last id served,
 * so pages stay stable while rows are added.
 */
public record PageRequest(int limit, long afterId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? 0 : decode(cursor));
    }

    /**
     * For lists served newest first: the rows of this page have ids below this one (the cursor is
     * then the smallest id served so far).
     */
    public long beforeId() {
        return afterId == 0 ? Long.MAX_VALUE : afterId;
    }

    /**
     * Builds the page from rows fetched with {@code limit + 1}: the extra row only tells that
     * another page exists.
     */
    public <E, T> Page<T> page(List<E> rowsPlusOne, ToLongFunction<E> id, Function<E, T> view) {
        boolean more = rowsPlusOne.size() > limit;
        List<E> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? encode(id.applyAsLong(rows.get(rows.size() - 1))) : null;
        return new Page<>(rows.stream().map(view).toList(), next);
    }

    static String encode(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("id:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("id:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(3));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "not a cursor this API returned");
        }
    }
}
