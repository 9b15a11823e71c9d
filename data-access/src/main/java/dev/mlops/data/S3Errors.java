package dev.mlops.data;

import dev.mlops.core.StorageException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How {@link S3BlobStore} reads the SDK's exceptions: which S3 answers it acts on (404, 412, 409) and the
 * {@link StorageException} it throws for the rest, with a message that says what failed, why, and what to do.
 * Messages never carry credentials: the SDK's error details hold none, and the store never adds them.
 */
final class S3Errors {
  /** S3's answer to a conditional write that raced with another operation on the key: retry it. */
  static final String CONDITIONAL_CONFLICT = "ConditionalRequestConflict";
  /** An older 409 S3 gives for a conflicting operation in progress on the key: also worth a retry. */
  static final String OPERATION_ABORTED = "OperationAborted";

  private S3Errors() {}

  static int status(SdkException e) {
    return e instanceof AwsServiceException a ? a.statusCode() : -1;
  }

  static String code(SdkException e) {
    return e instanceof AwsServiceException a && a.awsErrorDetails() != null ? a.awsErrorDetails().errorCode() : null;
  }

  /** 404: no such key (a HEAD has no body, so its 404 has no error code). */
  static boolean isNotFound(SdkException e) {
    return status(e) == 404 && !"NoSuchBucket".equals(code(e)) && !"NoSuchUpload".equals(code(e));
  }

  /** 412 Precondition Failed: for {@code If-None-Match: *}, the key exists. */
  static boolean isPreconditionFailed(SdkException e) {
    return status(e) == 412;
  }

  /** 409 ConditionalRequestConflict (or OperationAborted): a conflicting operation ran at the same time. */
  static boolean isConflict(SdkException e) {
    String code = code(e);
    return status(e) == 409 && (CONDITIONAL_CONFLICT.equals(code) || OPERATION_ABORTED.equals(code));
  }

  /**
   * A {@link StorageException} for a failed request, e.g. {@code writing blob 'a/b' in s3://bucket/ failed:
   * HTTP 403 AccessDenied: Access Denied; check that the credentials may use the bucket...}, cause chained.
   *
   * @param what what was being done, naming the blob, e.g. {@code "writing blob 'a/b'"}
   * @param where the store's {@link S3BlobStore#describe()}
   */
  static StorageException failed(String what, String where, SdkException e) {
    return new StorageException(what + " in " + where + " failed: " + reason(e) + hint(e), e);
  }

  static String reason(SdkException e) {
    if (e instanceof AwsServiceException a) {
      String code = code(e);
      String msg = a.awsErrorDetails() == null ? null : a.awsErrorDetails().errorMessage();
      return "HTTP " + a.statusCode() + (code == null ? "" : " " + code) + (msg == null ? "" : ": " + msg);
    }
    if (e instanceof AbortedException) {
      return "the request was interrupted";
    }
    return String.valueOf(e.getMessage());
  }

  static String hint(SdkException e) {
    String code = code(e);
    if ("NoSuchBucket".equals(code)) {
      return "; create the bucket or fix its name";
    }
    if ("InvalidAccessKeyId".equals(code)) {
      return "; the server does not know the access key id: check the credentials";
    }
    if ("SignatureDoesNotMatch".equals(code)) {
      return "; the secret key does not match the access key id (or the region is wrong): check the credentials";
    }
    if (status(e) == 403) {
      return "; check that the credentials may use the bucket (the access key and its policy)";
    }
    if (status(e) == 501) {
      return "; the server does not implement this request: S3BlobStore needs conditional writes "
          + "(If-None-Match: * on PutObject and CompleteMultipartUpload), as AWS S3 and s3proxy have them; "
          + "use a server version that has them";
    }
    if (status(e) == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
      return "; the bucket is in another region: set S3BlobStore.builder(...).region(...) to the bucket's region";
    }
    if (e instanceof AwsServiceException || e instanceof AbortedException) {
      return "";
    }
    String msg = String.valueOf(e.getMessage());
    if (msg.contains("credentials")) {
      return "; give credentials with S3BlobStore.builder(...).credentials(accessKeyId, secretAccessKey), or set "
          + "up the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ~/.aws/credentials, a role)";
    }
    return "; check the endpoint, the network, and that the server is up";
  }
}
