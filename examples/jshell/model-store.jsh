// The model store from JShell: publish versions, move aliases, look things up, catch tampering.
Path dir = Files.createTempDirectory("mlops-models");
BlobStore blobs = FileBlobStore.open(dir.resolve("store"));
ModelStore store = ModelStore.builder(blobs).user("jshell").build();
Path weights = Files.writeString(dir.resolve("weights.txt"), "w = [0.4, -1.2, 3.3]\n");
ModelVersion v1 = store.publish("churn").file("weights.txt", weights).metadata(ModelMetadata.builder().framework("plain-java", "1").metric("auc", 0.81).tag("team", "risk").intendedUse("demo only").build()).commit();
ModelVersion v2 = store.publish("churn").file("weights.txt", "w = [0.5, -1.1, 3.0]\n".getBytes()).metadata(ModelMetadata.builder().metric("auc", 0.86).build()).commit();
if (v2.version() != 2) throw new AssertionError("expected version 2, got " + v2.version());
store.setAlias("churn", "production", 1, "first release");
store.setAlias("churn", "production", 2, "better AUC");
store.byAlias("churn", "production")
store.aliasHistory("churn", "production").forEach(System.out::println);
store.versions("churn", VersionQuery.all().withMetricAtLeast("auc", 0.85)).items()
store.updateTags("churn", 2, Map.of("stage", "prod"), Set.of()).tags()
String text; try (InputStream in = store.open(v2, "weights.txt")) { text = new String(in.readAllBytes()); }
System.out.print(text);
store.verify("churn", 2)
// Sign what you publish (Ed25519, the JDK's own crypto); a strict reader refuses anything unsigned.
ModelSigner signer = ModelSigner.generate("jshell-key");
ModelStore signing = ModelStore.builder(blobs).user("jshell").signer(signer).build();
ModelVersion v3 = signing.publish("churn").file("weights.txt", "w = [0.6, -1.0, 2.9]\n".getBytes()).commit();
ModelStore strict = ModelStore.builder(blobs).signaturePolicy(SignaturePolicy.require(TrustStore.empty().with("jshell-key", signer.publicKey()))).build();
strict.verify("churn", 3).signature()
try { strict.open(v2, "weights.txt"); throw new AssertionError("unsigned version loaded"); } catch (IntegrityException e) { System.out.println(e.getMessage()); }
System.out.println(signer.publicKeyPem());
// Ship a version to an offline site as one bundle file; the site verifies everything before writing anything.
Path bundle = dir.resolve("churn-3.zip");
signing.exportBundle(v3, bundle);
ModelStore site = ModelStore.builder(MemoryBlobStore.create()).signaturePolicy(SignaturePolicy.require(TrustStore.empty().with("jshell-key", signer.publicKey()))).build();
site.importBundle(bundle)
site.importBundle(bundle).outcome()
site.verify("churn", 3).isOk()
// Tamper with a stored file: the next read names the file and both digests.
String sha = v1.files().get(0).sha256();
blobs.putBytes("blobs/sha256/" + sha.substring(0, 2) + "/" + sha, "w = [9, 9, 9]\n".getBytes());
try (InputStream in = store.open(v1, "weights.txt")) { in.readAllBytes(); throw new AssertionError("tampering not detected"); } catch (IntegrityException e) { System.out.println(e.getMessage()); }
store.verify("churn", 1).isOk()
blobs.close();
/exit
