package io.semrec.training.support;

import io.semrec.training.ProgressReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every phase and metric a trainer reports. */
public class RecordedProgress implements ProgressReporter {

    public final List<String> phases = new ArrayList<>();
    public final Map<String, List<Double>> metrics = new LinkedHashMap<>();

    @Override
    public void phase(String name, int total) {
        phases.add(name);
    }

    @Override
    public void step(int done) {
    }

    @Override
    public void metric(String name, int step, double value) {
        metrics.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    public List<Double> values(String name) {
        return metrics.getOrDefault(name, List.of());
    }
}
