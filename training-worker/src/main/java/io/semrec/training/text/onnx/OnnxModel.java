package io.semrec.training.text.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX ModelProto needed to lift weights out of it: the graph's inputs, outputs,
 * nodes and initializers. Field numbers are those of onnx.proto (IR version 3 and later).
 */
public record OnnxModel(
        List<String> inputs, List<String> outputs, List<OnnxNode> nodes, Map<String, OnnxTensor> initializers) {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int DATA_LOCATION_EXTERNAL = 1;

    /** Memory-maps the file; tensors keep views of the mapping until their floats are read. */
    public static OnnxModel read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return parse(mapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + file, e);
        }
    }

    public static OnnxModel parse(ByteBuffer modelProto) {
        ProtoReader model = new ProtoReader(modelProto);
        while (model.next()) {
            if (model.field() == MODEL_GRAPH) {
                return parseGraph(model.message());
            }
            model.skip();
        }
        throw new IllegalArgumentException("ONNX model has no graph");
    }

    private static OnnxModel parseGraph(ProtoReader graph) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        while (graph.next()) {
            switch (graph.field()) {
                case GRAPH_NODE -> nodes.add(parseNode(graph.message()));
                case GRAPH_INITIALIZER -> {
                    OnnxTensor tensor = parseTensor(graph.message());
                    initializers.put(tensor.name(), tensor);
                }
                case GRAPH_INPUT -> inputs.add(valueInfoName(graph.message()));
                case GRAPH_OUTPUT -> outputs.add(valueInfoName(graph.message()));
                default -> graph.skip();
            }
        }
        // Before IR version 4 initializers were also listed as graph inputs; keep the real ones.
        inputs.removeIf(initializers::containsKey);
        return new OnnxModel(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(nodes), initializers);
    }

    private static OnnxNode parseNode(ProtoReader node) {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (node.next()) {
            switch (node.field()) {
                case NODE_INPUT -> inputs.add(node.string());
                case NODE_OUTPUT -> outputs.add(node.string());
                case NODE_NAME -> name = node.string();
                case NODE_OP_TYPE -> opType = node.string();
                default -> node.skip();
            }
        }
        return new OnnxNode(name, opType, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static OnnxTensor parseTensor(ProtoReader tensor) {
        String name = "";
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        ByteBuffer rawData = null;
        ByteArrayOutputStream floatData = new ByteArrayOutputStream();
        while (tensor.next()) {
            switch (tensor.field()) {
                case TENSOR_DIMS -> tensor.varints(dims::add);
                case TENSOR_DATA_TYPE -> dataType = (int) tensor.varint();
                case TENSOR_NAME -> name = tensor.string();
                case TENSOR_RAW_DATA -> rawData = tensor.bytes();
                case TENSOR_FLOAT_DATA -> appendFloats(tensor, floatData);
                case TENSOR_DATA_LOCATION -> {
                    if (tensor.varint() == DATA_LOCATION_EXTERNAL) {
                        throw new IllegalArgumentException("tensor " + name + " keeps its data in an external file");
                    }
                }
                default -> tensor.skip();
            }
        }
        ByteBuffer data = rawData != null ? rawData : ByteBuffer.wrap(floatData.toByteArray());
        return new OnnxTensor(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, data);
    }

    /** float_data is packed in files written by onnx, but a reader must accept both encodings. */
    private static void appendFloats(ProtoReader tensor, ByteArrayOutputStream sink) {
        if (tensor.wireType() == ProtoReader.LENGTH_DELIMITED) {
            ByteBuffer packed = tensor.bytes();
            byte[] bytes = new byte[packed.remaining()];
            packed.get(bytes);
            sink.writeBytes(bytes);
        } else {
            ByteBuffer one = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            sink.writeBytes(one.putFloat(tensor.fixed32Float()).array());
        }
    }

    private static String valueInfoName(ProtoReader valueInfo) {
        while (valueInfo.next()) {
            if (valueInfo.field() == VALUE_INFO_NAME) {
                return valueInfo.string();
            }
            valueInfo.skip();
        }
        throw new IllegalArgumentException("ONNX value info without a name");
    }
}
