package io.semrec.admin.item;

import io.semrec.ingest.ItemView;

/** One recommended item as the pages list it: its id, its item (for the title; null if it vanished since) and its score. */
public record RankedItem(String itemId, ItemView item, double score) {
}
