package dev.mlops.benchmarking;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Heap, resident set and per-thread allocation figures for {@link PerformanceRunner}. */
final class ProcessMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final com.sun.management.ThreadMXBean threads;

  ProcessMemory() {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    com.sun.management.ThreadMXBean s = t instanceof com.sun.management.ThreadMXBean x ? x : null;
    if (s != null) {
      try {
        if (!s.isThreadAllocatedMemorySupported()) {
          s = null;
        } else if (!s.isThreadAllocatedMemoryEnabled()) {
          s.setThreadAllocatedMemoryEnabled(true);
        }
      } catch (UnsupportedOperationException | SecurityException e) {
        s = null;
      }
    }
    threads = s;
  }

  /** Whether {@link #allocatedByCurrentThread()} is known. */
  boolean allocationSupported() {
    return threads != null;
  }

  /** Bytes allocated so far by the calling thread, or -1 if unknown. Does not allocate. */
  long allocatedByCurrentThread() {
    return threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
  }

  /** Resets the heap pools' peak usage, after a collection so the peak starts near the live size. */
  void resetHeapPeak() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The sum of the heap pools' peak usage since {@link #resetHeapPeak()}. */
  long heapPeak() {
    return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The heap in use now. */
  long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** {@code VmRSS} (current) or {@code VmHWM} (peak) of this process in bytes, or NaN off Linux. */
  static double procStatusBytes(String key) {
    if (!Files.isReadable(STATUS)) {
      return Double.NaN;
    }
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
        if (line.startsWith(key + ":")) {
          String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
          long v = Long.parseLong(parts[0]);
          return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024.0 : v;
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
