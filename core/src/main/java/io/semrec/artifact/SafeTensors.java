package io.semrec.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tensors plus string metadata in the safetensors layout: an 8-byte little-endian header
 * length, a JSON header ({@code dtype}, {@code shape}, {@code data_offsets} per tensor and an
 * optional {@code __metadata__} string map), then the tensors' raw little-endian bytes. Held in
 * memory, so a file must stay under 2 GiB.
 *
 * @param tensors by name, in file order
 */
public record SafeTensors(Map<String, Tensor> tensors, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";
    /** Headers above this are rejected before allocating (the reference implementation's limit). */
    static final long MAX_HEADER_BYTES = 100_000_000;
    private static final int HEADER_ALIGNMENT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    public SafeTensors {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (tensors.containsKey(METADATA_KEY)) {
            throw new IllegalArgumentException(METADATA_KEY + " is reserved");
        }
    }

    public Tensor require(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no tensor " + name);
        }
        return tensor;
    }

    public void writeTo(OutputStream out) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            ObjectNode node = header.putObject(entry.getKey());
            node.put("dtype", tensor.dtype().name());
            ArrayNode shape = node.putArray("shape");
            for (long dimension : tensor.shape()) {
                shape.add(dimension);
            }
            node.putArray("data_offsets").add(offset).add(offset + tensor.data().length);
            offset += tensor.data().length;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(headerBytes);
        for (Tensor tensor : tensors.values()) {
            out.write(tensor.data());
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return out.toByteArray();
    }

    public void write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
    }

    public static SafeTensors read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static SafeTensors read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /**
     * @throws IOException if the bytes are not a well-formed safetensors file (bad header, unknown
     *     dtype, sizes that do not match shapes, or data not exactly covered by the offsets)
     */
    public static SafeTensors read(byte[] bytes) throws IOException {
        if (bytes.length < Long.BYTES) {
            throw new IOException("safetensors: shorter than its 8-byte header length");
        }
        long headerLength = headerLength(ByteBuffer.wrap(bytes, 0, Long.BYTES), bytes.length);
        int dataStart = Long.BYTES + (int) headerLength;
        Header header = Header.parse(new String(bytes, Long.BYTES, (int) headerLength, StandardCharsets.UTF_8),
                bytes.length - dataStart);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry entry : header.entries().values()) {
            byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) entry.begin, dataStart + (int) entry.end);
            tensors.put(entry.name, entry.tensor(data));
        }
        return new SafeTensors(tensors, header.metadata());
    }

    /** The header length from the file's first 8 bytes, checked against the file's size. */
    static long headerLength(ByteBuffer first8, long fileSize) throws IOException {
        long headerLength = first8.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - Long.BYTES) {
            throw new IOException("safetensors: bad header length " + headerLength);
        }
        return headerLength;
    }

    /** A parsed header: tensor entries in file order, checked to tile the data section exactly, and metadata. */
    record Header(Map<String, Entry> entries, Map<String, String> metadata) {

        static Header parse(String json, long dataLength) throws IOException {
            JsonNode header = parseHeader(json);
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = header.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals(METADATA_KEY)) {
                    readMetadata(field.getValue(), metadata);
                } else {
                    entries.put(field.getKey(), Entry.parse(field.getKey(), field.getValue()));
                }
            }
            // Offsets must tile the data section exactly: no gaps, no overlaps, nothing left over.
            List<Entry> byOffset = new ArrayList<>(entries.values());
            byOffset.sort(Comparator.comparingLong(Entry::begin));
            long expected = 0;
            for (Entry entry : byOffset) {
                if (entry.begin != expected) {
                    throw new IOException("safetensors: tensor " + entry.name + " does not start where the previous ends");
                }
                expected = entry.end;
            }
            if (expected != dataLength) {
                throw new IOException("safetensors: data section is " + dataLength + " bytes, offsets cover " + expected);
            }
            return new Header(entries, metadata);
        }
    }

    private static JsonNode parseHeader(String text) throws IOException {
        try {
            JsonNode header = JSON.readTree(text);
            if (header == null || !header.isObject()) {
                throw new IOException("safetensors: header is not a JSON object");
            }
            return header;
        } catch (JsonProcessingException e) {
            throw new IOException("safetensors: header is not valid JSON", e);
        }
    }

    private static void readMetadata(JsonNode node, Map<String, String> into) throws IOException {
        if (!node.isObject()) {
            throw new IOException("safetensors: " + METADATA_KEY + " is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new IOException("safetensors: metadata value " + field.getKey() + " is not a string");
            }
            into.put(field.getKey(), field.getValue().textValue());
        }
    }

    record Entry(String name, TensorDType dtype, long[] shape, long begin, long end) {

        Tensor tensor(byte[] data) throws IOException {
            try {
                return new Tensor(dtype, shape, data);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IOException("safetensors: tensor " + name + ": " + e.getMessage(), e);
            }
        }

        static Entry parse(String name, JsonNode node) throws IOException {
            JsonNode dtype = node.get("dtype");
            JsonNode shape = node.get("shape");
            JsonNode offsets = node.get("data_offsets");
            if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray()
                    || offsets == null || !offsets.isArray() || offsets.size() != 2) {
                throw new IOException("safetensors: tensor " + name + " needs dtype, shape and data_offsets");
            }
            TensorDType type;
            try {
                type = TensorDType.valueOf(dtype.textValue());
            } catch (IllegalArgumentException e) {
                throw new IOException("safetensors: tensor " + name + " has unsupported dtype " + dtype.textValue());
            }
            long[] dimensions = new long[shape.size()];
            for (int i = 0; i < dimensions.length; i++) {
                dimensions[i] = nonNegative(shape.get(i), name);
            }
            long begin = nonNegative(offsets.get(0), name);
            long end = nonNegative(offsets.get(1), name);
            if (end < begin) {
                throw new IOException("safetensors: tensor " + name + " ends before it begins");
            }
            return new Entry(name, type, dimensions, begin, end);
        }

        private static long nonNegative(JsonNode number, String name) throws IOException {
            if (!number.canConvertToLong() || !number.isIntegralNumber() || number.longValue() < 0) {
                throw new IOException("safetensors: tensor " + name + " has a bad shape or offset");
            }
            return number.longValue();
        }
    }
}
