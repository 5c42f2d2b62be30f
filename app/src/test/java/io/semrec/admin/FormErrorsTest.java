package io.semrec.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.api.ProblemException;
import org.junit.jupiter.api.Test;

class FormErrorsTest {

    @Test
    void wholeNumbersAreOptionalUnlessRequired() {
        FormErrors errors = FormErrors.none();
        assertNull(errors.wholeNumber("efSearch", "  ", false));
        assertFalse(errors.any());
        assertEquals(42, errors.wholeNumber("efSearch", " 42 ", true));
        assertNull(errors.wholeNumber("historyLength", "", true));
        assertEquals("enter a whole number", errors.get("historyLength"));
        assertNull(errors.wholeNumber("efSearch", "4.5", false));
        assertEquals("enter a whole number, like 40", errors.get("efSearch"));
    }

    @Test
    void aFieldKeepsItsFirstMessage() {
        FormErrors errors = FormErrors.none();
        errors.add("slug", "must not be blank");
        errors.add("slug", "already taken");
        assertEquals("must not be blank", errors.get("slug"));
    }

    @Test
    void serviceRefusalsGoNextToTheFieldTheyName() {
        FormErrors errors = FormErrors.none();
        errors.add(ProblemException.invalidField("catalog", "no catalog 'books'"), "name");
        errors.add(ProblemException.conflict("catalog 'books' already exists"), "slug");
        assertEquals("no catalog 'books'", errors.get("catalog"));
        assertEquals("catalog 'books' already exists", errors.get("slug"));
        assertNull(errors.get("name"));
        assertTrue(errors.any());
    }
}
