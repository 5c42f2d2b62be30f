package io.semrec.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** This JVM's resident memory, for benchmarks to print. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Current and peak resident set size, from /proc: {@code "812345 kB (peak 901234 kB)"}. */
    public static String describe() throws IOException {
        Map<String, String> status = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                .collect(Collectors.toMap(line -> line.substring(0, 5), line -> line.substring(6).trim()));
        return status.get("VmRSS") + " (peak " + status.get("VmHWM") + ")";
    }
}
