package dev.mlops.benchmarking.onnx;

import static dev.mlops.benchmarking.tribuo.IrisModels.IRIS;
import static dev.mlops.benchmarking.tribuo.IrisModels.LOGISTIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.mlops.benchmarking.Predictions;
import dev.mlops.benchmarking.tribuo.TribuoPredictor;
import dev.mlops.core.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.ONNXExportable;

/** Graphs with a predicted-class output: the Tribuo export plus an ArgMax node, written with Tribuo's ONNX protos. */
class OnnxLabelOutputTest {
  @TempDir static Path dir;

  static Path both;
  static Path labelsOnly;

  @BeforeAll
  static void build() throws IOException {
    ModelProto model = ((ONNXExportable) LOGISTIC).exportONNXModel("dev.mlops.test", 1);
    NodeProto argmax = NodeProto.newBuilder().setName("argmax").setOpType("ArgMax").addInput("output")
        .addOutput("label").addAttribute(AttributeProto.newBuilder().setName("axis")
            .setType(AttributeProto.AttributeType.INT).setI(1))
        .build();
    ValueInfoProto label = ValueInfoProto.newBuilder().setName("label").setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64.getNumber())
            .setShape(TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1)))))
        .build();
    GraphProto withLabel = model.getGraph().toBuilder().addNode(argmax).addOutput(label).build();
    both = Files.write(dir.resolve("both.onnx"), model.toBuilder().setGraph(withLabel).build().toByteArray());
    GraphProto onlyLabel = withLabel.toBuilder().removeOutput(0).build();
    labelsOnly = Files.write(dir.resolve("labels.onnx"), model.toBuilder().setGraph(onlyLabel).build().toByteArray());
  }

  static OnnxOptions options() {
    return OnnxOptions.classifier("argmax", TribuoPredictor.outputOrder(LOGISTIC))
        .withFeatureNames(TribuoPredictor.classifier("t", LOGISTIC).featureNames());
  }

  @Test
  void classesComeFromTheLabelOutputAndProbabilitiesFromTheOther() {
    Predictions tribuo = TribuoPredictor.classifier("t", LOGISTIC).predict(IRIS.features());
    try (OnnxPredictor p = OnnxPredictor.open(both, options())) {
      assertEquals("label", p.options().labelOutput());
      assertEquals("output", p.options().probabilitiesOutput());
      Predictions out = p.predict(IRIS.features());
      assertTrue(out.hasProbabilities());
      for (int r = 0; r < out.size(); r++) {
        assertEquals(tribuo.label(r), out.label(r), "row " + r);
      }
    }
  }

  @Test
  void aModelWithOnlyALabelOutputGivesClassesWithoutProbabilities() {
    try (OnnxPredictor p = OnnxPredictor.open(labelsOnly, options());
        OnnxPredictor full = OnnxPredictor.open(both, options())) {
      assertEquals(null, p.options().probabilitiesOutput());
      Predictions out = p.predict(IRIS.features());
      assertFalse(out.hasProbabilities());
      assertArrayEquals(full.predict(IRIS.features()).classes(), out.classes());
    }
  }

  @Test
  void askingForProbabilitiesAModelDoesNotHaveIsAnError() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> OnnxPredictor.open(labelsOnly, options().withProbabilitiesOutput("output")));
    assertTrue(e.getMessage().contains("no output 'output' (asked for as class probabilities)"), e.getMessage());
    assertTrue(e.getMessage().contains("'label' INT64 [-1, 1]"), e.getMessage());
    ValidationException wrongKind = assertThrows(ValidationException.class,
        () -> OnnxPredictor.open(labelsOnly, options().withProbabilitiesOutput("label")));
    assertTrue(wrongKind.getMessage().contains("cannot hold class probabilities"), wrongKind.getMessage());
  }
}
