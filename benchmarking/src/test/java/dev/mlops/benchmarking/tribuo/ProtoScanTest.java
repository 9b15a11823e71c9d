package dev.mlops.benchmarking.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.StringValue;
import dev.mlops.core.ValidationException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.protos.core.ModelProto;

class ProtoScanTest {

  private static byte[] redirect(String className, byte[] data) {
    return ModelProto.newBuilder().setClassName(className)
        .setSerializedData(Any.newBuilder().setTypeUrl("type.googleapis.com/x.Y")
            .setValue(com.google.protobuf.ByteString.copyFrom(data)))
        .build().toByteArray();
  }

  /** A length-delimited field 1 holding {@code body}. */
  private static byte[] wrap(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x0A);
    int n = body.length;
    while (n >= 0x80) {
      out.write((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    out.write(n);
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Test
  void findsNestedClassNamesOuterFirstWithWhatEnclosesThem() {
    byte[] inner = redirect("org.tribuo.Inner", StringValue.of("weights").toByteArray());
    byte[] outer = redirect("org.tribuo.Outer", wrap(inner));

    List<ProtoScan.Named> found = ProtoScan.classNames(outer);
    assertEquals(List.of(new ProtoScan.Named("org.tribuo.Outer", List.of()),
        new ProtoScan.Named("org.tribuo.Inner", List.of("org.tribuo.Outer"))), found);
    assertEquals("model.pb inside a org.tribuo.Outer", found.get(1).where());
  }

  @Test
  void findsAClassNameInsideAGroup() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(5 << 3 | 3);   // start group, field 5
    out.writeBytes(redirect("org.tribuo.Hidden", new byte[0]));
    out.write(5 << 3 | 4);   // end group, field 5

    assertEquals(List.of(new ProtoScan.Named("org.tribuo.Hidden", List.of())),
        ProtoScan.classNames(wrap(out.toByteArray())));
  }

  @Test
  void refusesBytesThatAreNotAMessage() {
    ValidationException e = assertThrows(ValidationException.class,
        () -> ProtoScan.classNames(new byte[] {0x0A, 0x05, 1}));
    assertTrue(e.getMessage().startsWith("model.pb is not a protobuf message"), e.getMessage());
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    byte[] message = {0x08, 0x01};
    for (int i = 0; i < ProtoScan.MAX_DEPTH + 5; i++) {
      message = wrap(message);
    }
    byte[] deep = message;
    ValidationException e = assertThrows(ValidationException.class, () -> ProtoScan.classNames(deep));
    assertTrue(e.getMessage().contains("nests messages more than 200 levels deep"), e.getMessage());
  }
}
