package io.semrec.training.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog's items under a dense index 0..n-1 (the index models and evaluators use), with their
 * internal and external ids, attributes and availability.
 */
public final class ItemTable {

    private final long[] internalIds;
    private final String[] externalIds;
    private final List<Map<String, Object>> attributes;
    private final boolean[] available;
    private final Map<String, Integer> indexByExternalId;

    /**
     * @param internalIds strictly ascending (the order items are read in)
     */
    public ItemTable(long[] internalIds, String[] externalIds, List<Map<String, Object>> attributes, boolean[] available) {
        int n = internalIds.length;
        if (externalIds.length != n || attributes.size() != n || available.length != n) {
            throw new IllegalArgumentException("item columns differ in length");
        }
        for (int i = 1; i < n; i++) {
            if (internalIds[i] <= internalIds[i - 1]) {
                throw new IllegalArgumentException("internal ids must be strictly ascending");
            }
        }
        this.internalIds = internalIds;
        this.externalIds = externalIds;
        this.attributes = List.copyOf(attributes);
        this.available = available;
        this.indexByExternalId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (indexByExternalId.put(externalIds[i], i) != null) {
                throw new IllegalArgumentException("duplicate external id " + externalIds[i]);
            }
        }
    }

    public int size() {
        return internalIds.length;
    }

    public long internalId(int index) {
        return internalIds[index];
    }

    public String externalId(int index) {
        return externalIds[index];
    }

    public Map<String, Object> attributes(int index) {
        return attributes.get(index);
    }

    public boolean available(int index) {
        return available[index];
    }

    /** The dense index of an internal id, or -1 when the item is not in this table. */
    public int indexOfInternalId(long internalId) {
        int index = Arrays.binarySearch(internalIds, internalId);
        return index >= 0 ? index : -1;
    }

    /** The dense index of an external id, or -1 when the item is not in this table. */
    public int indexOfExternalId(String externalId) {
        return indexByExternalId.getOrDefault(externalId, -1);
    }
}
