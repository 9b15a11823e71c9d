/**
 * The test support that mlops-core publishes for other modules, in its test-jar (classifier {@code tests},
 * Automatic-Module-Name {@code dev.mlops.core.testing}): the test-jar holds this package and nothing else,
 * not core's own tests or test data.
 * <ul>
 *   <li>{@link dev.mlops.core.testing.BlobStoreContract}: the behaviour every {@code BlobStore} must have; a
 *       store's test extends it and implements {@code newStore()}.</li>
 *   <li>{@link dev.mlops.core.testing.ModelStoreContract}, {@link dev.mlops.core.testing.ModelStoreConcurrencyContract}
 *       and {@link dev.mlops.core.testing.ModelStoreGcContract}: the behaviour of a {@code ModelStore} over a
 *       store, alone, under concurrency, and with gc racing publishers; extend them and implement
 *       {@code newBlobStore()}. {@link dev.mlops.core.testing.Race} runs threads started together and polls with
 *       a deadline; {@link dev.mlops.core.testing.GatedInputStream} stops a reader part-way.</li>
 *   <li>{@link dev.mlops.core.testing.GeneratedInputStream}: deterministic bytes of any size, generated as they
 *       are read; {@link dev.mlops.core.testing.BlobTesting}: an independent SHA-256 and a streaming content
 *       comparison.</li>
 *   <li>{@link dev.mlops.core.testing.TestServers}: skip or fail a test that needs the local PostgreSQL or
 *       MariaDB server.</li>
 *   <li>{@link dev.mlops.core.testing.DirectoryModelFiles}: a model's files in a plain directory, as the
 *       {@code ModelFileWriter} and {@code ModelFileReader} a {@code ModelCodec} is tested with.</li>
 * </ul>
 * Everything here uses only the public API of {@code dev.mlops.core}, so it runs unchanged from another
 * package. A module uses it with two test-scoped dependencies: the test-jar, and junit-jupiter itself (the
 * test-jar does not bring JUnit):
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.mlops</groupId>
 *   <artifactId>mlops-core</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.jupiter</groupId>
 *   <artifactId>junit-jupiter</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <pre>{@code
 * class S3BlobStoreTest extends BlobStoreContract {
 *   @Override
 *   protected BlobStore newStore() {
 *     return S3BlobStore.connect(...);
 *   }
 * }
 * }</pre>
 *
 * <p>Stability: experimental (test support; it may change with any release).
 */
package dev.mlops.core.testing;
