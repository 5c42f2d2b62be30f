package io.semrec.api;

import java.util.List;

/** One page of a list endpoint; pass {@code nextCursor} back as {@code cursor} for the next page. */
public record Page<T>(List<T> items, String nextCursor) {
}
