package dev.mlops.benchmarking.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.TensorInfo;
import dev.mlops.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reading an ONNX graph's inputs and outputs for {@link OnnxPredictor}: which tensors fit which role. */
final class OnnxGraph {
  private OnnxGraph() {}

  static TensorInfo tensor(NodeInfo node) {
    return node.getInfo() instanceof TensorInfo t ? t : null;
  }

  static boolean isProbabilities(NodeInfo node, int k) {
    TensorInfo t = tensor(node);
    return t != null && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE) && t.getShape().length == 2
        && (t.getShape()[1] == k || t.getShape()[1] < 0);
  }

  static boolean isLabels(NodeInfo node) {
    TensorInfo t = tensor(node);
    return t != null && (t.type == OnnxJavaType.INT64 || t.type == OnnxJavaType.INT32 || t.type == OnnxJavaType.STRING)
        && (t.getShape().length == 1 || (t.getShape().length == 2 && t.getShape()[1] == 1));
  }

  static boolean isValues(NodeInfo node) {
    TensorInfo t = tensor(node);
    return t != null && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE)
        && (t.getShape().length == 1 || (t.getShape().length == 2 && t.getShape()[1] == 1));
  }

  static String checked(String who, Map<String, NodeInfo> outputs, String name, String what,
      Predicate<NodeInfo> fits) {
    NodeInfo node = outputs.get(name);
    if (node == null) {
      throw new ValidationException(who + " has no output '" + name + "' (asked for as " + what + "); its outputs"
          + " are " + describe(outputs));
    }
    if (!fits.test(node)) {
      throw new ValidationException(who + " output " + describe(node) + " cannot hold " + what);
    }
    return name;
  }

  static String find(String who, Map<String, NodeInfo> outputs, Predicate<NodeInfo> fits,
      String what) {
    List<String> found = new ArrayList<>();
    outputs.forEach((name, node) -> {
      if (fits.test(node)) {
        found.add(name);
      }
    });
    if (found.size() > 1) {
      throw new ValidationException(who + " has several outputs that could hold " + what + ": " + found
          + "; name one in the options");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  static String describe(Map<String, NodeInfo> nodes) {
    return nodes.values().stream().map(OnnxGraph::describe).toList().toString();
  }

  static String describe(NodeInfo node) {
    TensorInfo t = tensor(node);
    return t == null ? "'" + node.getName() + "' (" + node.getInfo() + ")"
        : "'" + node.getName() + "' " + t.type + " " + Arrays.toString(t.getShape());
  }

  static long[] indexes(OnnxTensor t) {
    if (t.getInfo().type == OnnxJavaType.INT32) {
      var b = t.getIntBuffer();
      long[] out = new long[b.remaining()];
      for (int i = 0; i < out.length; i++) {
        out[i] = b.get(i);
      }
      return out;
    }
    var b = t.getLongBuffer();
    long[] out = new long[b.remaining()];
    b.get(out);
    return out;
  }

  static String[] strings(Object value) {
    if (value instanceof String[] s) {
      return s;
    }
    String[][] s = (String[][]) value;
    String[] out = new String[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i][0];
    }
    return out;
  }
}
