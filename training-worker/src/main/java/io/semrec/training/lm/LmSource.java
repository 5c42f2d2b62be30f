package io.semrec.training.lm;

import java.util.Locale;

/** Where a job's language model comes from. */
public enum LmSource {
    /** all-MiniLM-L6-v2 made causal, with a tied head, adapted to the catalog's item text (the default). */
    MINILM,
    /** A Hugging Face checkpoint folder (GPT-2 or Llama family) named by id in the artifact folder. */
    PRETRAINED,
    /** A small GPT-2-style LM and BPE tokenizer trained from scratch on the item text. */
    SCRATCH;

    /** {@code minilm}, {@code pretrained} or {@code scratch}, in any case. */
    public static LmSource parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    public String paramValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
