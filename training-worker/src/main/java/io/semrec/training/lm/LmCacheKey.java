package io.semrec.training.lm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The name of an LM this code derived (adapted or trained): a hash of everything the result depends
 * on, so the same inputs find the stored LM and different ones never do.
 */
final class LmCacheKey {

    /** 96 bits of SHA-256: collisions are out of reach, folder names stay short. */
    private static final int HEX_CHARS = 24;

    private LmCacheKey() {
    }

    /**
     * @param kind e.g. {@code minilm-adapted}; prefixes the key
     * @param settings every setting the result depends on (base LM, budget, training parameters, seed)
     */
    static String of(String kind, List<String> settings, List<String> texts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        update(digest, kind);
        settings.forEach(setting -> update(digest, setting));
        update(digest, Integer.toString(texts.size()));
        texts.forEach(text -> update(digest, text));
        return kind + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, HEX_CHARS);
    }

    /** Length-prefixed, so no two lists of strings hash the same bytes. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
