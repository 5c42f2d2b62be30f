package io.semrec.training.textknn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lowercases, splits on every character that is not a letter or digit, and drops 1-character tokens. */
public final class TextTokenizer {

    private TextTokenizer() {
    }

    public static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean inToken = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (inToken && start < 0) {
                start = i;
            } else if (!inToken && start >= 0) {
                if (lower.codePointCount(start, i) > 1) {
                    tokens.add(lower.substring(start, i));
                }
                start = -1;
            }
        }
        return tokens;
    }
}
