package io.semrec.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a small, deterministic demo store in the format of the datasets under shared/datasets:
 * items.jsonl and events.csv.
 *
 * <p>The histories carry three kinds of signal on purpose, so that models can be told apart: the
 * next purchase usually follows the previous one within a product line (sequential recommenders),
 * items of a line share brand and series in their titles (text models), and product lines are
 * Zipf-popular (popularity baseline).
 *
 * <p>Usage: {@code java -cp core/target/classes io.semrec.demo.DemoCatalogGenerator OUTDIR
 * [--users N] [--items N] [--seed S]}
 */
public final class DemoCatalogGenerator {

    private static final String USAGE = "usage: DemoCatalogGenerator OUTDIR [--users N] [--items N] [--seed S]";

    private DemoCatalogGenerator() {
    }

    public static DemoCatalog generate(DemoCatalogSpec spec) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        // Separate streams, so changing the user count leaves the items unchanged.
        CatalogLayout layout = new CatalogLayout(StoreVocabulary.THEMES, spec.items(), root.split());
        HistoryWalker walker = new HistoryWalker(layout, root.split());
        List<DemoEvent> events = new ArrayList<>();
        for (int user = 0; user < spec.users(); user++) {
            List<Integer> history = walker.nextHistory();
            for (int seq = 0; seq < history.size(); seq++) {
                String itemId = layout.items().get(history.get(seq)).itemId();
                events.add(new DemoEvent(String.valueOf(user), itemId, seq));
            }
        }
        return new DemoCatalog(layout.items(), events);
    }

    public static void main(String[] args) throws IOException {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        DemoCatalog catalog = generate(invocation.spec());
        catalog.writeTo(invocation.outDir());
        System.out.printf(Locale.ROOT, "wrote %d items, %d users, %d events (avg history %.1f) to %s%n",
                catalog.items().size(), catalog.userCount(), catalog.events().size(),
                (double) catalog.events().size() / catalog.userCount(), invocation.outDir());
    }

    /** The parsed command line. */
    record Invocation(Path outDir, DemoCatalogSpec spec) {

        static Invocation parse(String[] args) {
            Path outDir = null;
            int users = DemoCatalogSpec.DEFAULT_USERS;
            int items = DemoCatalogSpec.DEFAULT_ITEMS;
            long seed = DemoCatalogSpec.DEFAULT_SEED;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--users" -> users = Integer.parseInt(valueOf(args, ++i, arg));
                    case "--items" -> items = Integer.parseInt(valueOf(args, ++i, arg));
                    case "--seed" -> seed = Long.parseLong(valueOf(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--") || outDir != null) {
                            throw new IllegalArgumentException("unexpected argument: " + arg);
                        }
                        outDir = Path.of(arg);
                    }
                }
            }
            if (outDir == null) {
                throw new IllegalArgumentException("missing OUTDIR");
            }
            return new Invocation(outDir, new DemoCatalogSpec(users, items, seed));
        }

        private static String valueOf(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
