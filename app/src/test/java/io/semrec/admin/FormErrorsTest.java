package io.semrec.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.semrec.api.ProblemException;
import java.util.List;
import java.util.Set;
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
        Set<String> fields = Set.of("slug", "name", "catalog");
        FormErrors errors = FormErrors.none();
        errors.add(ProblemException.invalidField("catalog", "no catalog 'books'"), "name", fields);
        errors.add(ProblemException.conflict("catalog 'books' already exists"), "slug", fields);
        assertEquals("no catalog 'books'", errors.get("catalog"));
        assertEquals("catalog 'books' already exists", errors.get("slug"));
        assertNull(errors.get("name"));
        assertTrue(errors.general().isEmpty());
    }

    @Test
    void refusalsAboutSettingsNotOnTheFormGoAboveIt() {
        FormErrors errors = FormErrors.none();
        errors.add(ProblemException.invalidField("settings.defaultMethod", "is required with a retrainSchedule"),
                null, Set.of("name", "efSearch"));
        errors.add(ProblemException.invalidField("settings.efSearch", "too wide"), null, Set.of("name", "efSearch"));
        assertEquals(List.of("settings.defaultMethod: is required with a retrainSchedule"), errors.general());
        assertEquals("too wide", errors.get("efSearch"));
        assertTrue(errors.any());
    }
}
