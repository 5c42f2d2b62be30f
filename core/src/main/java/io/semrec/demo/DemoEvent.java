package io.semrec.demo;

/** One interaction; {@code seq} is the 0-based position in the user's chronological history. */
public record DemoEvent(String userId, String itemId, int seq) {

    /** One events.csv row; ids are plain digits, so no CSV quoting is ever needed. */
    String toCsvRow() {
        return userId + "," + itemId + "," + seq;
    }
}
