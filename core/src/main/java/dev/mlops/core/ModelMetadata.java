package dev.mlops.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model version is, beyond its files: a short model card stored in its immutable manifest. Only
 * {@link #tags()} and {@link #description()} can change later, through {@link ModelStore#updateTags} and
 * {@link ModelStore#updateDescription}, which record the change beside the manifest, never in it.
 *
 * <pre>{@code
 * ModelMetadata meta = ModelMetadata.builder()
 *     .framework("tribuo", "4.3.2")
 *     .param("epochs", "10").metric("accuracy", 0.953)
 *     .tag("team", "risk").description("churn classifier, logistic regression")
 *     .dataset("snap-3f2a9c").codeCommit("9f1e2d4")
 *     .license("Apache-2.0").intendedUse("rank accounts by churn risk").limitations("EU accounts only")
 *     .build();
 * }</pre>
 *
 * <p>Parameters follow {@link Provenance}'s rule: a key that looks like a credential, or a value with an
 * inline one, is rejected, since manifests travel with bundles. Metrics must be finite.
 *
 * <p>Stability: stable (fields may be added; the manifest format is versioned).
 *
 * @param framework the framework, e.g. {@code "tribuo"}, or {@code null}
 * @param frameworkVersion its version, or {@code null}
 * @param codec the {@link ModelCodec#id()} the files were written with, or {@code null} for plain files
 * @param parameters training parameters, sorted by key
 * @param metrics evaluation metrics, sorted by key, finite
 * @param tags labels at publication, sorted by key
 * @param description free text at publication, or {@code null}
 * @param creator who trained the model, or {@code null} (the store records who published it)
 * @param createdAt when the model was trained, or {@code null}
 * @param datasets ids of the dataset snapshots it was trained on
 * @param pipeline a reference to the fitted preprocessing pipeline, e.g. a blob key or model name, or {@code null}
 * @param codeCommit the source revision of the training code, or {@code null}
 * @param license the model's license, or {@code null}
 * @param intendedUse what the model is for, or {@code null}
 * @param limitations where it must not be used, or {@code null}
 */
public record ModelMetadata(String framework, String frameworkVersion, String codec, Map<String, String> parameters,
    Map<String, Double> metrics, Map<String, String> tags, String description, String creator, Instant createdAt,
    List<String> datasets, String pipeline, String codeCommit, String license, String intendedUse,
    String limitations) {

  /** Metadata with nothing set. */
  public static final ModelMetadata EMPTY = builder().build();

  /** Validates and copies. */
  public ModelMetadata {
    parameters = Collections.unmodifiableMap(new TreeMap<>(parameters == null ? Map.of() : parameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics == null ? Map.of() : metrics));
    tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    datasets = List.copyOf(datasets == null ? List.of() : datasets);
    parameters.forEach(ModelMetadata::checkParameter);
    metrics.forEach(ModelMetadata::checkMetric);
    tags.forEach(ModelMetadata::checkTag);
  }

  /** A builder for metadata. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this metadata, to change a field or two. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.framework = framework;
    b.frameworkVersion = frameworkVersion;
    b.codec = codec;
    b.parameters.putAll(parameters);
    b.metrics.putAll(metrics);
    b.tags.putAll(tags);
    b.description = description;
    b.creator = creator;
    b.createdAt = createdAt;
    b.datasets.addAll(datasets);
    b.pipeline = pipeline;
    b.codeCommit = codeCommit;
    b.license = license;
    b.intendedUse = intendedUse;
    b.limitations = limitations;
    return b;
  }

  static void checkParameter(String key, String value) {
    checkKey(key, "parameter");
    Objects.requireNonNull(value, () -> "value of parameter '" + key + "'");
    if (SecretNames.looksLikeSecret(key)) {
      throw new ValidationException("parameter '" + key + "' looks like a credential; model manifests travel "
          + "with bundles and must never hold secrets: leave it out, or rename it if it is not a secret");
    }
    if (SecretNames.hasInlineCredentials(value)) {
      throw new ValidationException("the value of parameter '" + key + "' carries a credential (user info or a "
          + "password/secret/key assignment); record it without the credential");
    }
  }

  static void checkMetric(String key, Double value) {
    checkKey(key, "metric");
    if (value == null || !Double.isFinite(value)) {
      throw new ValidationException("metric '" + key + "' is " + value + "; metrics must be finite numbers");
    }
  }

  static void checkTag(String key, String value) {
    checkKey(key, "tag");
    Objects.requireNonNull(value, () -> "value of tag '" + key + "'");
    if (value.length() > 5000) {
      throw new ValidationException("tag '" + key + "' has a value of " + value.length()
          + " characters; at most 5000 are allowed, put long text in the description");
    }
  }

  private static void checkKey(String key, String what) {
    if (key == null || key.isBlank() || key.length() > 250 || key.chars().anyMatch(Character::isISOControl)) {
      throw new ValidationException(what + " name '" + (key == null ? null : BlobKeys.escape(key))
          + "' is not valid; use 1 to 250 printable characters");
    }
  }

  /**
   * Builds {@link ModelMetadata}. A later call for a single-valued option replaces the earlier value; map
   * entries with the same key replace each other. Not thread-safe.
   */
  public static final class Builder {
    private String framework;
    private String frameworkVersion;
    private String codec;
    private final TreeMap<String, String> parameters = new TreeMap<>();
    private final TreeMap<String, Double> metrics = new TreeMap<>();
    private final TreeMap<String, String> tags = new TreeMap<>();
    private String description;
    private String creator;
    private Instant createdAt;
    private final List<String> datasets = new ArrayList<>();
    private String pipeline;
    private String codeCommit;
    private String license;
    private String intendedUse;
    private String limitations;

    private Builder() {}

    /** The framework and its version, e.g. {@code framework("tribuo", "4.3.2")}. */
    public Builder framework(String name, String version) {
      framework = Objects.requireNonNull(name, "framework");
      frameworkVersion = version;
      return this;
    }

    /** The codec id the files were written with; {@link ModelStore#publish(String, Object, ModelCodec, ModelMetadata)} sets it. */
    public Builder codec(String codecId) {
      codec = codecId;
      return this;
    }

    /** A training parameter; see the class comment for the credential rule. */
    public Builder param(String key, String value) {
      checkParameter(key, value);
      parameters.put(key, value);
      return this;
    }

    /** A numeric training parameter, written as in canonical JSON ({@code 0.1 -> "0.1"}, {@code 10.0 -> "10"}). */
    public Builder param(String key, double value) {
      return param(key, Json.toCanonicalJson(value));
    }

    /** Every entry of {@code params} as {@link #param(String, String)}. */
    public Builder params(Map<String, String> params) {
      new TreeMap<>(params).forEach(this::param);
      return this;
    }

    /** An evaluation metric; finite. */
    public Builder metric(String key, double value) {
      checkMetric(key, value);
      metrics.put(key, value);
      return this;
    }

    /** Every entry of {@code values} as {@link #metric}. */
    public Builder metrics(Map<String, Double> values) {
      new TreeMap<>(values).forEach(this::metric);
      return this;
    }

    /** A tag. */
    public Builder tag(String key, String value) {
      checkTag(key, value);
      tags.put(key, value);
      return this;
    }

    /** Every entry of {@code values} as {@link #tag}. */
    public Builder tags(Map<String, String> values) {
      new TreeMap<>(values).forEach(this::tag);
      return this;
    }

    /** Free text describing the model. */
    public Builder description(String text) {
      description = text;
      return this;
    }

    /** Who trained the model. */
    public Builder creator(String name) {
      creator = name;
      return this;
    }

    /** When the model was trained. */
    public Builder createdAt(Instant time) {
      createdAt = time;
      return this;
    }

    /** The id of a dataset snapshot the model was trained on; may be called for several. */
    public Builder dataset(String snapshotId) {
      datasets.add(Objects.requireNonNull(snapshotId, "snapshotId"));
      return this;
    }

    /** A reference to the fitted preprocessing pipeline the model expects. */
    public Builder pipeline(String reference) {
      pipeline = reference;
      return this;
    }

    /** The source revision of the training code. */
    public Builder codeCommit(String commit) {
      codeCommit = commit;
      return this;
    }

    /** The model's license, e.g. an SPDX id. */
    public Builder license(String spdx) {
      license = spdx;
      return this;
    }

    /** What the model is for. */
    public Builder intendedUse(String text) {
      intendedUse = text;
      return this;
    }

    /** Where the model must not be used, known weaknesses. */
    public Builder limitations(String text) {
      limitations = text;
      return this;
    }

    /** The metadata. */
    public ModelMetadata build() {
      return new ModelMetadata(framework, frameworkVersion, codec, parameters, metrics, tags, description, creator,
          createdAt, datasets, pipeline, codeCommit, license, intendedUse, limitations);
    }
  }
}
