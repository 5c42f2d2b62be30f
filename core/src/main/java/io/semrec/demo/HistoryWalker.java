package io.semrec.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Samples one user's purchase history as a walk through the catalog layout.
 *
 * <p>A user prefers one or two themes. Most steps buy the next stage of the product line bought
 * last (sequential signal); some switch to another, popular line at the same stage (popularity
 * signal); users with two themes sometimes move to the other one; a few purchases are random popular
 * items that do not move the walk on (noise). Nobody buys the same item twice.
 */
final class HistoryWalker {

    static final int MIN_HISTORY = 5;
    /** Below DemoCatalogSpec.MIN_ITEMS, so an unseen item always exists. */
    static final int MAX_HISTORY = 40;
    /** Chance to stop after each purchase beyond the minimum: 1/6 gives 5 extra on average, ~10 in all. */
    private static final double STOP_CHANCE = 1.0 / 6;

    private static final double SECOND_THEME_SHARE = 0.5;
    private static final double NOISE = 0.07;
    private static final double SWITCH_THEME = 0.10;
    private static final double STAY_IN_LINE = 0.75;
    /** Most users enter a line with its starter item; the rest already own it and start later. */
    private static final double ENTER_AT_START = 0.7;
    private static final int PROPOSALS_BEFORE_FALLBACK = 50;

    private final CatalogLayout layout;
    private final SplittableRandom random;

    HistoryWalker(CatalogLayout layout, SplittableRandom random) {
        this.layout = layout;
        this.random = random;
    }

    /** A proposed purchase; noise purchases do not move the walk, so the user returns to their line. */
    private record Step(int item, boolean movesWalk) {
    }

    /** Item indexes in purchase order. */
    List<Integer> nextHistory() {
        int primary = layout.popularTheme(random);
        int secondary = random.nextDouble() < SECOND_THEME_SHARE ? otherTheme(primary) : primary;
        int length = historyLength();
        List<Integer> history = new ArrayList<>(length);
        Set<Integer> seen = new HashSet<>();
        int position = -1; // where the walk stands; -1 until the first purchase
        while (history.size() < length) {
            int from = position;
            Step step = from < 0
                    ? unseen(() -> new Step(enterLine(primary), true), 0, seen)
                    : unseen(() -> propose(from, primary, secondary), from, seen);
            seen.add(step.item());
            history.add(step.item());
            if (step.movesWalk()) {
                position = step.item();
            }
        }
        return history;
    }

    private Step propose(int from, int primary, int secondary) {
        double roll = random.nextDouble();
        if (roll < NOISE) {
            return new Step(randomPopularItem(), false);
        }
        int theme = layout.themeOf(from);
        if (primary != secondary && roll < NOISE + SWITCH_THEME) {
            return new Step(enterLine(theme == primary ? secondary : primary), true);
        }
        int stage = layout.stageOf(from) + 1;
        if (stage == layout.stageCount(theme)) {
            // Progression finished: start over with another line, as an upgrade or a gift would.
            return new Step(enterLine(theme), true);
        }
        int line = random.nextDouble() < STAY_IN_LINE ? layout.lineOf(from) : layout.popularLine(theme, random);
        return new Step(layout.itemAt(theme, line, stage), true);
    }

    /** Retries a proposal until it names an existing item the user has not bought yet. */
    private Step unseen(Supplier<Step> proposal, int fallbackFrom, Set<Integer> seen) {
        for (int attempt = 0; attempt < PROPOSALS_BEFORE_FALLBACK; attempt++) {
            Step step = proposal.get();
            if (step.item() != CatalogLayout.NO_ITEM && !seen.contains(step.item())) {
                return step;
            }
        }
        return new Step(firstUnseenAfter(fallbackFrom, seen), true);
    }

    private int firstUnseenAfter(int item, Set<Integer> seen) {
        int candidate = item;
        do {
            candidate = (candidate + 1) % layout.itemCount();
        } while (seen.contains(candidate));
        return candidate;
    }

    /** A popular line of the theme, usually at its starter stage; may be NO_ITEM. */
    private int enterLine(int theme) {
        int line = layout.popularLine(theme, random);
        int stage = random.nextDouble() < ENTER_AT_START ? 0 : random.nextInt(layout.stageCount(theme));
        return layout.itemAt(theme, line, stage);
    }

    private int randomPopularItem() {
        int theme = layout.popularTheme(random);
        int line = layout.popularLine(theme, random);
        return layout.itemAt(theme, line, random.nextInt(layout.stageCount(theme)));
    }

    private int otherTheme(int theme) {
        int other;
        do {
            other = layout.popularTheme(random);
        } while (other == theme);
        return other;
    }

    private int historyLength() {
        int length = MIN_HISTORY;
        while (length < MAX_HISTORY && random.nextDouble() >= STOP_CHANCE) {
            length++;
        }
        return length;
    }
}
