package io.semrec.training.sasrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.semrec.training.spec.EvaluationParameters;
import io.semrec.training.spec.InvalidParameterException;
import io.semrec.training.spec.SasrecParameters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SasrecParamsTest {

    @Test
    void defaultsAreTheDeclaredOnes() {
        SasrecParams defaults = SasrecParams.DEFAULTS;

        assertEquals(new SasrecParams(64, 2, 1, 0.2, 128, 1e-3, 200, 10, 50, SasrecLoss.CE, 42, true, 0), defaults);
        // Every declared parameter but the shared evaluation one (maskSeen) is a trainer setting.
        assertEquals(SasrecParameters.SPEC.parameters().stream()
                .filter(p -> !p.name().equals(EvaluationParameters.MASK_SEEN)).count(),
                SasrecParams.class.getRecordComponents().length);
    }

    @Test
    void everyDeclaredLossIsImplemented() {
        List<String> declared = SasrecParameters.SPEC.find(SasrecParameters.LOSS).allowed();

        assertEquals(Arrays.stream(SasrecLoss.values()).map(SasrecLoss::wireName).toList(), declared);
    }

    @Test
    void readsSubmittedValuesAsTextOrJson() {
        SasrecParams text = SasrecParams.from(SasrecParameters.SPEC.resolveText(
                Map.of("dim", "32", "heads", "4", "loss", "bce", "refit", "false")));
        SasrecParams json = SasrecParams.from(SasrecParameters.SPEC.resolve(
                Map.of("dim", 32, "heads", 4, "loss", "bce", "refit", false)));

        assertEquals(text, json);
        assertEquals(32, json.dim());
        assertEquals(SasrecLoss.BCE, json.loss());
        assertEquals(false, json.refit());
    }

    @Test
    void headsMustDivideDim() {
        InvalidParameterException error = assertThrows(InvalidParameterException.class,
                () -> SasrecParams.from(SasrecParameters.SPEC.resolve(Map.of("dim", 64, "heads", 3))));

        assertEquals("heads", error.field());
    }
}
