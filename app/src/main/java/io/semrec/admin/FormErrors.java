package io.semrec.admin;

import io.quarkus.qute.TemplateInstance;
import io.semrec.api.ProblemException;
import io.semrec.api.ProblemMappers;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages for the fields of one submitted form, shown next to each field. The rules themselves
 * are the API's: its request records' constraints and its services' problems.
 */
public final class FormErrors {

    /** The form was understood but refused; the page shows it again with its messages. */
    private static final int UNPROCESSABLE = 422;

    private final Map<String, String> byField = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /** The form's page again, as a refusal. */
    public static Response refused(TemplateInstance formPage) {
        return Response.status(UNPROCESSABLE).entity(formPage).build();
    }

    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }

    /** The message for {@code field}, or null. */
    public String get(String field) {
        return byField.get(field);
    }

    /** Records a message; a field keeps its first one, which is the most basic. */
    public void add(String field, String message) {
        byField.putIfAbsent(field, message);
    }

    /**
     * Parses a whole number typed into {@code field}; blank gives null, or a message when the
     * field is required.
     */
    public Integer wholeNumber(String field, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                add(field, "enter a whole number");
            }
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            add(field, "enter a whole number, like 40");
            return null;
        }
    }

    /** Checks {@code request} against the constraints its API declares. */
    public <T> T validate(Validator validator, T request) {
        for (ConstraintViolation<T> violation : validator.validate(request)) {
            add(ProblemMappers.fieldName(violation), violation.getMessage());
        }
        return request;
    }

    /**
     * Shows a service's refusal next to the form field it names (the last node of its path), next
     * to {@code fallbackField} when it names none, or above the form when the field is not on it.
     */
    public void add(ProblemException problem, String fallbackField, Set<String> formFields) {
        Object path = problem.extensions.get("field");
        String field = path == null ? fallbackField : path.toString().substring(path.toString().lastIndexOf('.') + 1);
        String message = problem.getMessage();
        if (field == null || !formFields.contains(field)) {
            general.add(message);
            return;
        }
        add(field, path != null && message.startsWith(path + ": ") ? message.substring(path.toString().length() + 2) : message);
    }

    /** Messages about the form as a whole, for the summary above it. */
    public List<String> general() {
        return general;
    }
}
