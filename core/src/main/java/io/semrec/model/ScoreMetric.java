package io.semrec.model;

import java.util.Locale;

/** How a model scores a query against item vectors; decides the pgvector operator and index class. */
public enum ScoreMetric {
    /** Inner product; pgvector's {@code <#>} returns its negation. */
    DOT("<#>", "vector_ip_ops"),
    /** Cosine similarity; pgvector's {@code <=>} returns 1 - cosine. */
    COSINE("<=>", "vector_cosine_ops");

    public final String distanceOperator;
    public final String operatorClass;

    ScoreMetric(String distanceOperator, String operatorClass) {
        this.distanceOperator = distanceOperator;
        this.operatorClass = operatorClass;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Turns pgvector's distance back into the similarity score clients see. */
    public double scoreFromDistance(double distance) {
        return this == DOT ? -distance : 1.0 - distance;
    }

    public static ScoreMetric fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
