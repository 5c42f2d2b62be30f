package io.semrec.demo;

import io.semrec.demo.Theme.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generated items and where each one sits: its theme, its product line within the theme, and
 * its stage in the theme's progression. Item ids are their index as a string, like the real datasets.
 */
final class CatalogLayout {

    /** Zipf exponent over product lines within a theme: a few lines sell most. */
    private static final double LINE_POPULARITY_EXPONENT = 1.0;
    /** Milder skew across themes, so every theme still has customers. */
    private static final double THEME_POPULARITY_EXPONENT = 0.5;
    /** The real datasets have some items without a description; text models must cope. */
    private static final double EMPTY_DESCRIPTION_SHARE = 0.05;
    private static final double TWO_SENTENCE_SHARE = 0.6;
    /** Marks a stage that a theme's last, partial product line does not have. */
    static final int NO_ITEM = -1;

    private final List<Theme> themes;
    private final List<DemoItem> items = new ArrayList<>();
    private final int[] themeOf;
    private final int[] lineOf;
    private final int[] stageOf;
    /** [theme][line][stage] to item index; NO_ITEM where a theme's last line is cut short. */
    private final int[][][] itemAt;
    private final ZipfSampler themePopularity;
    private final ZipfSampler[] linePopularity;

    CatalogLayout(List<Theme> themes, int itemCount, SplittableRandom random) {
        this.themes = themes;
        themeOf = new int[itemCount];
        lineOf = new int[itemCount];
        stageOf = new int[itemCount];
        itemAt = new int[themes.size()][][];
        linePopularity = new ZipfSampler[themes.size()];
        themePopularity = new ZipfSampler(themes.size(), THEME_POPULARITY_EXPONENT);
        for (int theme = 0; theme < themes.size(); theme++) {
            int themeItems = itemCount / themes.size() + (theme < itemCount % themes.size() ? 1 : 0);
            addTheme(theme, themeItems, random);
        }
    }

    private void addTheme(int theme, int themeItems, SplittableRandom random) {
        int stages = themes.get(theme).progression().size();
        int lines = (themeItems + stages - 1) / stages;
        itemAt[theme] = new int[lines][stages];
        linePopularity[theme] = new ZipfSampler(lines, LINE_POPULARITY_EXPONENT);
        for (int line = 0; line < lines; line++) {
            Arrays.fill(itemAt[theme][line], NO_ITEM);
            String finish = pick(themes.get(theme).finishes(), random);
            for (int stage = 0; stage < stages && line * stages + stage < themeItems; stage++) {
                int index = items.size();
                themeOf[index] = theme;
                lineOf[index] = line;
                stageOf[index] = stage;
                itemAt[theme][line][stage] = index;
                items.add(describe(index, theme, line, stage, finish, random));
            }
        }
    }

    /** Items of one line share brand, series and finish, so their titles read as one product family. */
    private DemoItem describe(int index, int themeIndex, int line, int stage, String finish,
                              SplittableRandom random) {
        Theme theme = themes.get(themeIndex);
        Stage step = theme.progression().get(stage);
        String brand = theme.brands().get(line % theme.brands().size());
        String title = String.join(" ", brand, seriesName(themeIndex, line), finish, step.product(),
                modelNumber(brand, line, stage));
        return new DemoItem(String.valueOf(index), title, brand, theme.categoryPath(step),
                description(theme, step, finish, random));
    }

    /** Unique within a theme; offset per theme so each theme's best seller has a different name. */
    private static String seriesName(int theme, int line) {
        List<String> series = StoreVocabulary.SERIES;
        String name = series.get((line + 5 * theme) % series.size());
        int generation = line / series.size() + 1;
        return generation == 1 ? name : name + " " + generation;
    }

    /** For example "BR-320": brand initials, then line 3, stage 2. */
    private static String modelNumber(String brand, int line, int stage) {
        String initials = brand.replaceAll("[^A-Za-z]", "").substring(0, 2).toUpperCase(Locale.ROOT);
        return initials + "-" + (line + 1) + stage + "0";
    }

    private static String description(Theme theme, Stage step, String finish, SplittableRandom random) {
        if (random.nextDouble() < EMPTY_DESCRIPTION_SHARE) {
            return "";
        }
        String adjective = finish.toLowerCase(Locale.ROOT);
        String article = "aeiou".indexOf(adjective.charAt(0)) >= 0 ? "An " : "A ";
        String text = article + adjective + " " + step.product()
                + " made for " + pick(theme.uses(), random) + ".";
        if (random.nextDouble() < TWO_SENTENCE_SHARE) {
            text += " " + pick(theme.features(), random) + ".";
        }
        return text;
    }

    private static String pick(List<String> words, SplittableRandom random) {
        return words.get(random.nextInt(words.size()));
    }

    List<DemoItem> items() {
        return items;
    }

    int itemCount() {
        return items.size();
    }

    int themeOf(int item) {
        return themeOf[item];
    }

    int lineOf(int item) {
        return lineOf[item];
    }

    int stageOf(int item) {
        return stageOf[item];
    }

    int stageCount(int theme) {
        return themes.get(theme).progression().size();
    }

    /** The item at that position, or NO_ITEM. */
    int itemAt(int theme, int line, int stage) {
        return itemAt[theme][line][stage];
    }

    int popularTheme(SplittableRandom random) {
        return themePopularity.sample(random);
    }

    int popularLine(int theme, SplittableRandom random) {
        return linePopularity[theme].sample(random);
    }
}
