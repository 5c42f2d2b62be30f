package io.semrec.serving;

/** One recommended item: its external id and how well it matches (higher is better). */
public record ScoredItem(String itemId, double score) {
}
