package io.semrec.demo;

/**
 * Size and seed of a generated demo catalog. The same spec always yields byte-identical files.
 */
public record DemoCatalogSpec(int users, int items, long seed) {

    public static final int DEFAULT_USERS = 2_000;
    public static final int DEFAULT_ITEMS = 1_500;
    public static final long DEFAULT_SEED = 42L;

    /** Enough for every theme to hold at least one complete product line. */
    public static final int MIN_ITEMS = 100;

    public DemoCatalogSpec {
        if (users < 1) {
            throw new IllegalArgumentException("users must be at least 1, was " + users);
        }
        if (items < MIN_ITEMS) {
            throw new IllegalArgumentException("items must be at least " + MIN_ITEMS + ", was " + items);
        }
    }

    public static DemoCatalogSpec defaults() {
        return new DemoCatalogSpec(DEFAULT_USERS, DEFAULT_ITEMS, DEFAULT_SEED);
    }
}
