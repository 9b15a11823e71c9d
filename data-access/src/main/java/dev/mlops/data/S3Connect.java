package dev.mlops.data;

import dev.mlops.core.BlobKeys;
import dev.mlops.core.NotFoundException;
import dev.mlops.core.StorageException;
import dev.mlops.core.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Checks the settings of an {@link S3BlobStore.Builder}, builds its client and checks that the bucket is there. */
final class S3Connect {
  /** S3's rules for general-purpose bucket names. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  /** The region a client for a custom endpoint signs for when none is given; S3-compatible servers accept it. */
  static final String DEFAULT_CUSTOM_REGION = "us-east-1";

  private S3Connect() {}

  static String checkBucket(String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new ValidationException("S3 bucket name " + (bucket == null ? "is null" : "'" + BlobKeys.escape(bucket)
          + "' is not valid") + "; a bucket name has 3 to 63 lower-case letters, digits, '.' and '-', and starts "
          + "and ends with a letter or digit, e.g. 'ml-artifacts'");
    }
    return bucket;
  }

  /** The prefix as stored: empty, or a valid key prefix ending with '/' (added if missing). */
  static String normalizePrefix(String prefix) {
    if (prefix == null) {
      throw new ValidationException("S3 key prefix is null; pass \"\" for none, or a folder such as 'team-a/'");
    }
    if (prefix.isEmpty()) {
      return prefix;
    }
    String p = prefix.endsWith("/") ? prefix : prefix + "/";
    try {
      BlobKeys.check(p.substring(0, p.length() - 1));
    } catch (ValidationException e) {
      throw new ValidationException("S3 key prefix '" + BlobKeys.escape(prefix) + "' is not valid: " + e.getMessage()
          + " (the prefix follows the rules of blob keys, e.g. 'team-a/models/')", e);
    }
    return p;
  }

  static String checkRegion(String region) {
    if (region == null || !REGION.matcher(region).matches()) {
      throw new ValidationException("AWS region " + (region == null ? "is null" : "'" + BlobKeys.escape(region)
          + "' is not a region name") + "; pass one such as 'eu-west-1'");
    }
    return region;
  }

  /** The endpoint as a URI: http or https, a host, an optional port, nothing else. Never echoes user info. */
  static URI checkEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new ValidationException("S3 endpoint is " + (endpoint == null ? "null" : "blank")
          + "; pass the server's URL, e.g. 'http://127.0.0.1:9000', or leave it unset for AWS S3");
    }
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new ValidationException("S3 endpoint '" + redact(endpoint) + "' is not a URL (" + e.getReason()
          + "); pass one such as 'http://127.0.0.1:9000'", e);
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getRawUserInfo() != null || endpoint.contains("@")) {
      throw new ValidationException("S3 endpoint '" + redact(endpoint) + "' has user info before '@'; pass "
          + "credentials with .credentials(accessKeyId, secretAccessKey), never in the URL");
    }
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      throw new ValidationException("S3 endpoint '" + endpoint + "' is not an http or https URL with a host; "
          + "pass one such as 'http://127.0.0.1:9000' or 'https://minio.example.com' (with the scheme)");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ValidationException("S3 endpoint '" + endpoint + "' has a path, query or fragment; pass only "
          + "scheme://host:port (the bucket and the prefix are set apart), or pass a configured S3Client");
    }
    return URI.create(scheme + "://" + uri.getRawAuthority());
  }

  /** Virtual-hosted-style access puts the bucket in the host name, which an IP address or localhost cannot do. */
  static void checkPathStyle(URI endpoint, boolean pathStyle) {
    String host = endpoint.getHost();
    boolean literal = host.equals("localhost") || host.startsWith("[") || host.matches("[0-9.]+");
    if (!pathStyle && literal) {
      throw new ValidationException("S3 endpoint '" + endpoint + "' is an IP address or localhost, which cannot "
          + "take the bucket in its host name as pathStyle(false) needs; use pathStyle(true) (the default with an "
          + "endpoint) or a DNS name whose subdomains reach the server");
    }
  }

  private static String redact(String endpoint) {
    int at = endpoint.lastIndexOf('@');
    int start = endpoint.indexOf("://");
    return at < 0 ? endpoint : (start < 0 || start > at ? "" : endpoint.substring(0, start + 3)) + "***"
        + endpoint.substring(at);
  }

  /** A client for the settings; the region comes from the SDK's chain if {@code region} is null and no endpoint. */
  static S3Client newClient(String region, URI endpoint, boolean pathStyle, AwsCredentialsProvider credentials,
      RequestChecksumCalculation requestChecksums, ResponseChecksumValidation responseChecksums) {
    S3ClientBuilder b = S3Client.builder();
    if (region != null) {
      b.region(Region.of(region));
    } else if (endpoint != null) {
      b.region(Region.of(DEFAULT_CUSTOM_REGION));
    }
    if (endpoint != null) {
      b.endpointOverride(endpoint);
    }
    b.forcePathStyle(pathStyle);
    if (credentials != null) {
      b.credentialsProvider(credentials);
    }
    boolean custom = endpoint != null;
    b.requestChecksumCalculation(requestChecksums != null ? requestChecksums
        : custom ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED);
    b.responseChecksumValidation(responseChecksums != null ? responseChecksums
        : custom ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
    try {
      return b.build();
    } catch (SdkClientException e) {
      if (region == null && String.valueOf(e.getMessage()).contains("region")) {
        throw new ValidationException("no AWS region is configured for S3 bucket access; call "
            + "S3BlobStore.builder(...).region(\"eu-west-1\") or set AWS_REGION (or a region in ~/.aws/config)", e);
      }
      throw new StorageException("cannot create the S3 client: " + e.getMessage(), e);
    }
  }

  /** HEAD of the bucket, so a wrong bucket, endpoint, region or credential fails at open, saying which. */
  static void checkBucketExists(S3Client s3, String bucket, String where) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (SdkException e) {
      if (S3Errors.status(e) == 404) {
        throw new NotFoundException("S3 bucket '" + bucket + "' does not exist (" + where + "); create it "
            + "(e.g. aws s3 mb s3://" + bucket + ") or fix the bucket name or endpoint", e);
      }
      throw S3Errors.failed("checking the bucket", where, e);
    }
  }
}
