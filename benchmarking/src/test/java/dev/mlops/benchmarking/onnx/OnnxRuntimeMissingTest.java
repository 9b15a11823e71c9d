package dev.mlops.benchmarking.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime is an optional dependency: without it on the class path, opening a model says which artifact to add
 * instead of failing with a NoClassDefFoundError. Checked in a class loader that has this project and Jackson but not
 * ONNX Runtime.
 */
class OnnxRuntimeMissingTest {
  @TempDir
  Path dir;

  @Test
  void openingAModelWithoutOnnxRuntimeNamesTheArtifactToAdd() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("onnxruntime")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    Path model = Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
    try (URLClassLoader withoutOrt = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> options = withoutOrt.loadClass(OnnxOptions.class.getName());
      Object opts = options.getMethod("classifier", String.class, List.class).invoke(null, "m", List.of("a", "b"));
      Class<?> predictor = withoutOrt.loadClass(OnnxPredictor.class.getName());
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> predictor.getMethod("open", Path.class, options).invoke(null, model, opts));
      assertEquals("dev.mlops.core.ValidationException", e.getCause().getClass().getName());
      assertTrue(e.getCause().getMessage().contains("add com.microsoft.onnxruntime:onnxruntime"),
          e.getCause().getMessage());
    }
  }
}
