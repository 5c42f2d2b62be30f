package io.semrec.training.text.onnx;

import java.util.List;

/** One operator of an ONNX graph: its type and the names of the values it reads and writes. */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {
}
