package io.semrec.model;

/** One item's vector in a model: the item's internal id ({@code item.id}) and its embedding. */
public record ItemVector(long itemId, float[] vector) {
}
