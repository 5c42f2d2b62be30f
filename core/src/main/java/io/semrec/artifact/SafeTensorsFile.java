package io.semrec.artifact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

/**
 * A safetensors file read one tensor at a time: only the header is parsed on open, so loading a
 * large checkpoint never holds the whole file in memory (and files over 2 GiB work).
 */
public final class SafeTensorsFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final SafeTensors.Header header;

    private SafeTensorsFile(Path path, FileChannel channel, long dataStart, SafeTensors.Header header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.header = header;
    }

    /** Opens the file and checks its header (as {@link SafeTensors#read(byte[])} does). */
    public static SafeTensorsFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < Long.BYTES) {
                throw new IOException("safetensors: shorter than its 8-byte header length");
            }
            long headerLength = SafeTensors.headerLength(readFully(channel, 0, Long.BYTES), size);
            String json = StandardCharsets.UTF_8.decode(readFully(channel, Long.BYTES, (int) headerLength)).toString();
            long dataStart = Long.BYTES + headerLength;
            return new SafeTensorsFile(path, channel, dataStart, SafeTensors.Header.parse(json, size - dataStart));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** Tensor names in file order. */
    public Set<String> names() {
        return header.entries().keySet();
    }

    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Reads one tensor's bytes from disk. */
    public Tensor read(String name) throws IOException {
        SafeTensors.Entry entry = header.entries().get(name);
        if (entry == null) {
            throw new IllegalArgumentException(path + " has no tensor " + name);
        }
        ByteBuffer data = readFully(channel, dataStart + entry.begin(), Math.toIntExact(entry.end() - entry.begin()));
        return entry.tensor(data.array());
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("safetensors: file ends inside the range it declares");
            }
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
