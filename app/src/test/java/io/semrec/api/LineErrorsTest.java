package io.semrec.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineErrorsTest {

    @Test
    void listsTheFirstThousandAndCountsAll() {
        LineErrors errors = new LineErrors();
        assertFalse(errors.any());
        for (int line = 1; line <= LineErrors.MAX_LISTED + 5; line++) {
            errors.add(line, "bad");
        }
        ProblemException problem = errors.toProblem("nothing was stored");
        assertEquals(400, problem.status);
        assertEquals((long) LineErrors.MAX_LISTED + 5, problem.extensions.get("errorCount"));
        List<?> listed = (List<?>) problem.extensions.get("errors");
        assertEquals(LineErrors.MAX_LISTED, listed.size());
        assertEquals(new LineErrors.LineError(1, "bad"), listed.get(0));
        assertTrue(problem.getMessage().startsWith("1005 lines are invalid; nothing was stored (the first 1000"));
    }
}
