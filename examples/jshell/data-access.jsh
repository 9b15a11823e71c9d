// Governed data access from JShell: an embedded H2 database stands in for production.
Path dir = Files.createTempDirectory("mlops-data");
JdbcConfig loader = JdbcConfig.builder("crm-loader").url("jdbc:h2:mem:jshell;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE").user("sa").readOnly(false).build();
JdbcSource db = JdbcSource.open(loader);
Schema customers = Schema.of(Field.of("id", ColumnType.LONG), Field.of("email", ColumnType.STRING), Field.of("spend", ColumnType.DOUBLE), Field.of("signup", ColumnType.TIMESTAMP));
Frame rows = Frame.fromRows(customers, List.of(List.of(1L, "a@example.com", 12.5, Instant.parse("2026-01-05T09:00:00Z")), List.of(2L, "b@example.com", 80.0, Instant.parse("2026-02-11T17:30:00Z")), List.of(3L, "c@example.com", 41.0, Instant.parse("2026-03-02T08:15:00Z"))));
db.write("customers", FrameSource.of(rows, 2), WriteOptions.defaults().withCreateTable())
// A governed source: the email column is personal data, every read is audited and needs a purpose.
BlobStore blobs = FileBlobStore.open(dir.resolve("store"));
AuditLog audit = AuditLog.builder().user("jshell").inBlobStore(blobs, "governance");
JdbcConfig crm = JdbcConfig.builder("crm").url("jdbc:h2:mem:jshell;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE").user("sa").pii("customers", "email").build();
System.out.println(crm);
JdbcSource warehouse = JdbcSource.open(crm, audit);
try (QueryStream big = warehouse.query(Query.of("SELECT id, spend FROM customers WHERE spend > ?", 20.0).withBatchRows(1).withPurpose("exploration"))) { while (big.hasNext()) System.out.println(big.next()); }
warehouse.query(Query.of("SELECT * FROM customers").withPurpose("look")).readAll().schema()
try { warehouse.query("SELECT * FROM customers"); throw new AssertionError("an audited read without a purpose ran"); } catch (ValidationException e) { System.out.println(e.getMessage()); }
// Snapshots: content-addressed, with provenance; personal data is refused until it is left out or redacted.
DatasetStore datasets = DatasetStore.builder(blobs).formats(DatasetFormat.PARQUET).user("jshell").auditLog(audit).build();
try { datasets.snapshot("customers", warehouse, Query.of("SELECT * FROM customers"), "churn training"); throw new AssertionError("pii snapshotted"); } catch (ValidationException e) { System.out.println(e.getMessage()); }
Snapshot snap = datasets.snapshot("spend", warehouse, Query.of("SELECT id, spend, signup FROM customers WHERE signup >= ?", Instant.parse("2026-02-01T00:00:00Z")), "churn training");
System.out.println(Json.toPrettyJson(Json.parseTree(snap.toJson(), "manifest")));
datasets.open(snap.ref()).readAll()
try (FrameSource p = datasets.open(snap, DatasetFormat.PARQUET)) { System.out.println(p.readAll()); }
Snapshot again = datasets.snapshot("spend", FrameSource.of(datasets.open(snap.ref()).readAll(), 1), "same rows, one at a time");
if (!again.id().equals(snap.id())) throw new AssertionError("equal data should give an equal id");
datasets.versions("spend").stream().map(Snapshot::ref).toList()
datasets.verify("spend@1").isOk()
audit.entries().forEach(System.out::println);
audit.verify().isOk()
warehouse.close(); db.close(); blobs.close();
/exit
