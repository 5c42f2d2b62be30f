package io.semrec.admin.training;

import io.semrec.admin.Choice;
import java.util.List;

/**
 * A form field generated from one declared training parameter: a list of {@code options} renders as
 * a select, anything else as an input of {@code type} with its range as {@code min}/{@code max}.
 *
 * @param name the form field's name, {@code param.<parameter>}
 * @param value what the operator typed, or the default written as text
 */
public record ParameterField(String name, String label, String type, String inputmode, String min, String max,
        String step, List<Choice> options, String value, String hint) {

    /** The field's form name for a parameter. */
    static String formName(String parameter) {
        return MethodForm.PARAM_PREFIX + parameter;
    }
}
