package dev.mlops.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.core.Frame;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without parquet-java on the class path, {@link ParquetFrames} says what to add instead of failing with a
 * {@link NoClassDefFoundError}: run against a class loader that sees only our classes (data-access and core).
 */
class ParquetMissingDependencyTest {
  @TempDir Path dir;

  @Test
  void isNotAvailableAndSaysWhatToAddWithoutParquetJava() throws Exception {
    try (URLClassLoader loader = withoutParquet()) {
      Class<?> frames = Class.forName(ParquetFrames.class.getName(), true, loader);
      assertFalse((Boolean) frames.getMethod("available").invoke(null));

      Class<?> schemaClass = Class.forName("dev.mlops.core.Schema", true, loader);
      Class<?> fieldClass = Class.forName("dev.mlops.core.Field", true, loader);
      Object noFields = java.lang.reflect.Array.newInstance(fieldClass, 0);
      Object schema = schemaClass.getMethod("of", noFields.getClass()).invoke(null, new Object[] {noFields});
      Method write = frames.getMethod("write", schemaClass, Iterator.class, OutputStream.class);
      Throwable w = assertThrows(InvocationTargetException.class,
          () -> write.invoke(null, schema, Collections.emptyIterator(), new ByteArrayOutputStream())).getCause();
      assertEquals("dev.mlops.core.MlopsException", w.getClass().getName());
      assertEquals(ParquetFrames.MISSING_DEPENDENCY, w.getMessage());

      Method read = frames.getMethod("read", Path.class, int.class);
      Throwable r = assertThrows(InvocationTargetException.class,
          () -> read.invoke(null, dir.resolve("x.parquet"), 10)).getCause();
      assertInstanceOf(RuntimeException.class, r);
      assertEquals(ParquetFrames.MISSING_DEPENDENCY, r.getMessage());
    }
  }

  @Test
  void missingDependencyMessageNamesTheArtifactAndVersion() {
    assertEquals("Parquet snapshots need parquet-java, which is an optional dependency of mlops-data-access and "
        + "is not on the class path; add org.apache.parquet:parquet-hadoop:1.18.1 to your build (Hadoop itself is "
        + "not needed) to use Parquet snapshots", ParquetFrames.MISSING_DEPENDENCY);
  }

  private static URLClassLoader withoutParquet() throws Exception {
    URL dataAccess = ParquetFrames.class.getProtectionDomain().getCodeSource().getLocation();
    URL core = Frame.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {dataAccess, core}, ClassLoader.getPlatformClassLoader());
  }
}
