package io.semrec.training.lm;

/** Where a job's language model comes from. */
public enum LmSource {
    /** all-MiniLM-L6-v2 made causal, with a tied head, adapted to the catalog's item text (the default). */
    MINILM,
    /** A Hugging Face checkpoint folder (GPT-2 or Llama family) named by id in the artifact folder. */
    PRETRAINED,
    /** A small GPT-2-style LM and BPE tokenizer trained from scratch on the item text. */
    SCRATCH
}
