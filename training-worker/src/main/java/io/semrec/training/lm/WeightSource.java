package io.semrec.training.lm;

import io.semrec.training.text.FloatTensor;
import java.util.Map;
import java.util.Set;

/** Named float32 tensors read one at a time, so a loader never holds a second copy of all the weights. */
public interface WeightSource {

    Set<String> names();

    /** The tensor, widened to float32. */
    FloatTensor read(String name);

    /** Over tensors already in memory. */
    static WeightSource of(Map<String, FloatTensor> tensors) {
        return new WeightSource() {
            @Override
            public Set<String> names() {
                return tensors.keySet();
            }

            @Override
            public FloatTensor read(String name) {
                return tensors.get(name);
            }
        };
    }
}
