package io.semrec.demo;

import java.util.List;

/**
 * A themed corner of the demo store and the words used to describe it.
 *
 * <p>{@code progression} is the order in which a customer typically buys into the theme: a starter
 * item first, then accessories, then consumables. Every product line walks the same progression, so
 * the next purchase is predictable from the previous one.
 */
record Theme(
        String department,
        String name,
        List<String> brands,
        List<Stage> progression,
        List<String> finishes,
        List<String> uses,
        List<String> features) {

    /** One step of the progression: what is bought and the leaf category it is filed under. */
    record Stage(String product, String leafCategory) {
    }

    Theme {
        brands = List.copyOf(brands);
        progression = List.copyOf(progression);
        finishes = List.copyOf(finishes);
        uses = List.copyOf(uses);
        features = List.copyOf(features);
    }

    String categoryPath(Stage stage) {
        return department + ", " + name + ", " + stage.leafCategory();
    }
}
