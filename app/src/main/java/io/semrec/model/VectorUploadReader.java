package io.semrec.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semrec.api.LineErrors;
import io.semrec.api.ProblemException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Reads uploaded item vectors, one JSON object {@code {"item_id": "...", "vector": [...]}} per line,
 * as a stream of {@link ItemVector}s with internal item ids. Every bad line is recorded with its
 * number; after the first one nothing more is yielded, the rest of the body is still checked, and
 * at its end the iterator throws the 400 listing them all.
 */
final class VectorUploadReader implements Iterator<ItemVector> {

    /** Lines whose item ids are looked up in one query. */
    static final int LOOKUP_BATCH = 1000;

    /** Longest line kept (a 2000-dimensional vector fits many times over); longer ones are skipped unread. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record Parsed(long line, String externalId, float[] vector) {
    }

    private final Reader body;
    private final char[] buffer = new char[1 << 13];
    private int bufferPos;
    private int bufferEnd;
    private final StringBuilder line = new StringBuilder();
    private boolean lineTooLong;
    private final Function<Collection<String>, Map<String, Long>> itemIds;
    private final LineErrors errors = new LineErrors();
    private final Map<String, Long> firstLineOfItem = new HashMap<>();
    private final ArrayDeque<ItemVector> ready = new ArrayDeque<>();
    private int dim = VectorRules.ANY_DIM;
    private long lineNumber;
    private long vectors;
    private boolean endOfBody;

    /** @param itemIds resolves external item ids to internal ones; unknown ids are left out of its answer */
    VectorUploadReader(Reader body, Function<Collection<String>, Map<String, Long>> itemIds) {
        this.body = body;
        this.itemIds = itemIds;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !endOfBody) {
            readBatch();
        }
        if (!ready.isEmpty()) {
            return true;
        }
        if (errors.any()) {
            throw errors.toProblem("no model was created");
        }
        if (vectors == 0) {
            throw ProblemException.badRequest("the upload holds no item vectors");
        }
        return false;
    }

    @Override
    public ItemVector next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void readBatch() {
        List<Parsed> batch = new ArrayList<>(LOOKUP_BATCH);
        while (batch.size() < LOOKUP_BATCH) {
            String line = readLine();
            if (line == null) {
                endOfBody = true;
                break;
            }
            lineNumber++;
            if (lineTooLong) {
                errors.add(lineNumber, "longer than " + MAX_LINE_CHARS + " characters");
            } else if (!line.isBlank()) {
                Parsed parsed = parse(line);
                if (parsed != null) {
                    batch.add(parsed);
                }
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Long> ids = itemIds.apply(batch.stream().map(Parsed::externalId).toList());
        for (Parsed parsed : batch) {
            Long itemId = ids.get(parsed.externalId);
            if (itemId == null) {
                errors.add(parsed.line, "unknown item '" + parsed.externalId + "'");
            } else if (!errors.any()) {
                ready.add(new ItemVector(itemId, parsed.vector));
            }
        }
    }

    /** The line's content, or null after recording why it is unusable. */
    private Parsed parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(lineNumber, "not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        JsonNode id = node.path("item_id");
        JsonNode values = node.path("vector");
        if (!node.isObject() || !id.isTextual() || id.asText().isEmpty() || !values.isArray()) {
            errors.add(lineNumber, "expected {\"item_id\": \"<non-empty string>\", \"vector\": [numbers]}");
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!values.get(i).isNumber()) {
                errors.add(lineNumber, "element " + i + " of vector is not a number");
                return null;
            }
            vector[i] = values.get(i).floatValue();
        }
        String problem = VectorRules.problem(vector, dim);
        if (problem != null) {
            errors.add(lineNumber, problem);
            return null;
        }
        Long firstLine = firstLineOfItem.putIfAbsent(id.asText(), lineNumber);
        if (firstLine != null) {
            errors.add(lineNumber, "item '" + id.asText() + "' already has a vector on line " + firstLine);
            return null;
        }
        dim = vector.length;
        vectors++;
        return new Parsed(lineNumber, id.asText(), vector);
    }

    /** The next line without its terminator, or null at the end of the body; a runaway line is not kept. */
    private String readLine() {
        line.setLength(0);
        lineTooLong = false;
        int c = read();
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n') {
            if (line.length() < MAX_LINE_CHARS) {
                line.append((char) c);
            } else {
                lineTooLong = true;
            }
            c = read();
        }
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    private int read() {
        if (bufferPos == bufferEnd) {
            try {
                bufferEnd = Math.max(0, body.read(buffer));
            } catch (IOException e) {
                throw new UncheckedIOException("reading the upload failed", e);
            }
            bufferPos = 0;
            if (bufferEnd == 0) {
                return -1;
            }
        }
        return buffer[bufferPos++];
    }
}
