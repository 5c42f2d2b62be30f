package io.semrec.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bad lines of a line-oriented upload: the first {@link #MAX_LISTED} with their line numbers,
 * and how many there were in all, so a client can fix a file in one pass.
 */
public final class LineErrors {

    public static final int MAX_LISTED = 1000;

    /** @param line 1-based line number in the upload */
    public record LineError(long line, String reason) {
    }

    private final List<LineError> listed = new ArrayList<>();
    private long count;

    public void add(long line, String reason) {
        if (listed.size() < MAX_LISTED) {
            listed.add(new LineError(line, reason));
        }
        count++;
    }

    public boolean any() {
        return count > 0;
    }

    /** A 400 listing the errors; {@code consequence} tells what did not happen, e.g. "no model was created". */
    public ProblemException toProblem(String consequence) {
        String detail = count + (count == 1 ? " line is" : " lines are") + " invalid; " + consequence
                + (count > listed.size() ? " (the first " + listed.size() + " are listed)" : "");
        return new ProblemException(400, "Invalid upload", detail,
                Map.of("errors", List.copyOf(listed), "errorCount", count));
    }
}
