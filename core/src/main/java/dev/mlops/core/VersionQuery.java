package dev.mlops.core;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which versions of a model {@link ModelStore#versions(String, VersionQuery)} returns, in which order, one page at a
 * time. Immutable: each {@code with...} method returns a new query. Deleted versions are never listed.
 *
 * <pre>{@code
 * VersionPage page = store.versions("churn", VersionQuery.all()
 *     .withTag("team", "risk")
 *     .withMetricAtLeast("accuracy", 0.9)
 *     .publishedAfter(Instant.parse("2026-11-01T00:00:00Z"))
 *     .orderByMetric("accuracy", true)
 *     .withPageSize(20));
 * page.items();                                   // the best 20
 * store.versions("churn", query.withPageToken(page.nextPageToken()));   // the next 20
 * }</pre>
 *
 * <p>Stability: stable.
 *
 * @param tags tags a version must have with exactly these values (current tags)
 * @param metricAtLeast metrics a version must have with at least these values
 * @param metricAtMost metrics a version must have with at most these values
 * @param publishedAfter only versions published at or after this time, or {@code null}
 * @param publishedBefore only versions published before this time, or {@code null}
 * @param order the order
 * @param orderMetric the metric of a {@link Order#METRIC_ASC} or {@link Order#METRIC_DESC} order, else {@code null}
 * @param pageSize the most versions per page, 1 to 1000
 * @param pageToken where the page starts: {@code null} for the first, else a previous page's
 *     {@link VersionPage#nextPageToken()}
 */
public record VersionQuery(Map<String, String> tags, Map<String, Double> metricAtLeast, Map<String, Double> metricAtMost,
    Instant publishedAfter, Instant publishedBefore, Order order, String orderMetric, int pageSize, String pageToken) {

  /** Orders of a listing. Versions without the metric of a metric order are left out. */
  public enum Order {
    /** Oldest version first. */
    VERSION_ASC,
    /** Newest version first. */
    VERSION_DESC,
    /** Smallest metric first, ties by version. */
    METRIC_ASC,
    /** Largest metric first, ties by version. */
    METRIC_DESC
  }

  /** Validates and copies. */
  public VersionQuery {
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    metricAtLeast = Map.copyOf(metricAtLeast == null ? Map.of() : metricAtLeast);
    metricAtMost = Map.copyOf(metricAtMost == null ? Map.of() : metricAtMost);
    Objects.requireNonNull(order, "order");
    if ((order == Order.METRIC_ASC || order == Order.METRIC_DESC) != (orderMetric != null)) {
      throw new ValidationException("order " + order + " " + (orderMetric == null ? "needs a metric name"
          : "takes no metric") + "; use orderByMetric(name, descending) or orderBy(VERSION_ASC/VERSION_DESC)");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new ValidationException("page size " + pageSize + " is out of range; use 1 to 1000");
    }
  }

  /** Every live version, oldest first, 100 per page. */
  public static VersionQuery all() {
    return new VersionQuery(Map.of(), Map.of(), Map.of(), null, null, Order.VERSION_ASC, null, 100, null);
  }

  /** Also requires the tag {@code key} with {@code value}. */
  public VersionQuery withTag(String key, String value) {
    return new VersionQuery(plus(tags, key, value), metricAtLeast, metricAtMost, publishedAfter, publishedBefore,
        order, orderMetric, pageSize, null);
  }

  /** Also requires metric {@code name} to be at least {@code min}. */
  public VersionQuery withMetricAtLeast(String name, double min) {
    return new VersionQuery(tags, plus(metricAtLeast, name, min), metricAtMost, publishedAfter, publishedBefore, order,
        orderMetric, pageSize, null);
  }

  /** Also requires metric {@code name} to be at most {@code max}. */
  public VersionQuery withMetricAtMost(String name, double max) {
    return new VersionQuery(tags, metricAtLeast, plus(metricAtMost, name, max), publishedAfter, publishedBefore, order,
        orderMetric, pageSize, null);
  }

  /** Only versions published at or after {@code time}. */
  public VersionQuery publishedAfter(Instant time) {
    return new VersionQuery(tags, metricAtLeast, metricAtMost, time, publishedBefore, order, orderMetric, pageSize,
        null);
  }

  /** Only versions published before {@code time}. */
  public VersionQuery publishedBefore(Instant time) {
    return new VersionQuery(tags, metricAtLeast, metricAtMost, publishedAfter, time, order, orderMetric, pageSize,
        null);
  }

  /** Orders by version number. */
  public VersionQuery orderBy(Order byVersion) {
    if (byVersion == Order.METRIC_ASC || byVersion == Order.METRIC_DESC) {
      throw new ValidationException("order " + byVersion + " needs a metric name; use orderByMetric(name, descending)");
    }
    return new VersionQuery(tags, metricAtLeast, metricAtMost, publishedAfter, publishedBefore, byVersion, null,
        pageSize, null);
  }

  /** Orders by a metric, largest first if {@code descending}. */
  public VersionQuery orderByMetric(String metric, boolean descending) {
    return new VersionQuery(tags, metricAtLeast, metricAtMost, publishedAfter, publishedBefore,
        descending ? Order.METRIC_DESC : Order.METRIC_ASC, Objects.requireNonNull(metric, "metric"), pageSize, null);
  }

  /** At most {@code size} versions per page. */
  public VersionQuery withPageSize(int size) {
    return new VersionQuery(tags, metricAtLeast, metricAtMost, publishedAfter, publishedBefore, order, orderMetric,
        size, pageToken);
  }

  /** Starts at the page a previous page's {@link VersionPage#nextPageToken()} names. */
  public VersionQuery withPageToken(String token) {
    return new VersionQuery(tags, metricAtLeast, metricAtMost, publishedAfter, publishedBefore, order, orderMetric,
        pageSize, token);
  }

  /** Whether {@code v} passes the filters. */
  boolean matches(ModelVersion v) {
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!t.getValue().equals(v.tags().get(t.getKey()))) {
        return false;
      }
    }
    Map<String, Double> metrics = v.metadata().metrics();
    for (Map.Entry<String, Double> m : metricAtLeast.entrySet()) {
      Double x = metrics.get(m.getKey());
      if (x == null || x < m.getValue()) {
        return false;
      }
    }
    for (Map.Entry<String, Double> m : metricAtMost.entrySet()) {
      Double x = metrics.get(m.getKey());
      if (x == null || x > m.getValue()) {
        return false;
      }
    }
    Instant at = v.manifest().publishedAt();
    if (publishedAfter != null && at.isBefore(publishedAfter)) {
      return false;
    }
    if (publishedBefore != null && !at.isBefore(publishedBefore)) {
      return false;
    }
    return orderMetric == null || metrics.containsKey(orderMetric);
  }

  private static <V> Map<String, V> plus(Map<String, V> map, String key, V value) {
    TreeMap<String, V> out = new TreeMap<>(map);
    out.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return out;
  }
}
