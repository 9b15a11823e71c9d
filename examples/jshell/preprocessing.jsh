// Preprocessing from JShell: a pipeline fitted once, saved as JSON, applied the same way to a batch and a record.
Frame cancer = Csv.read(Path.of("examples/src/main/resources/data/breast_cancer.csv"));
Pipeline p = Pipeline.builder().step("impute", Columns.numeric(), Impute.median()).step("log", Columns.matching(".*_area"), Log1p.of()).step("scale", Columns.numeric(), StandardScale.of()).build();
System.out.println(p.toYaml());
FittedPipeline fitted = p.fit(cancer);
System.out.println(fitted);
fitted.outputNames().size()
fitted.transform(cancer).select("mean_radius", "mean_area", "worst_area").head(3)
// The saved form: versioned JSON, hashed; loading checks it and gives bit-identical output.
Path dir = Files.createTempDirectory("mlops-pre");
fitted.save(dir.resolve("pipeline.json"));
FittedPipeline back = FittedPipeline.load(dir.resolve("pipeline.json"));
if (!back.toMatrix(cancer).equals(fitted.toMatrix(cancer))) throw new AssertionError("reloaded pipeline differs");
// Serving: one record (a Map, as from JSON) gives the same numbers as the batch row.
Map<String, Object> rec = new HashMap<>(); for (String c : cancer.columnNames()) rec.put(c, cancer.get(7, c));
double[] served = back.transformRecord(rec);
if (!Arrays.equals(served, back.toMatrix(cancer).row(7))) throw new AssertionError("record path differs");
// Bad input is a clear error naming the column.
try { back.transform(cancer.drop("mean_radius")); throw new AssertionError("missing column accepted"); } catch (ValidationException e) { System.out.println(e.getMessage()); }
// The same pipeline as a spec in JSON, with a plugin-style id for every step.
Pipeline fromSpec = Pipeline.fromJson("{\"steps\": [{\"name\": \"scale\", \"type\": \"standard_scale\", \"columns\": {\"numeric\": true}}, {\"name\": \"target\", \"type\": \"one_hot\", \"columns\": \"target\"}]}");
fromSpec.fit(cancer).outputNames().subList(28, 32)
// Validation and drift against the profile taken while fitting.
ValidationReport ok = back.validate(cancer);
ok.isValid()
Frame bigger = cancer.withColumn("mean_radius", DoubleColumn.of(Arrays.stream(cancer.doubles("mean_radius").toArray()).map(x -> x * 1.4).toArray()));
DriftReport drift = back.drift(bigger);
System.out.println(drift.toTable().lines().limit(5).collect(Collectors.joining("\n")));
if (!drift.shouldRetrain()) throw new AssertionError("a 40% shift should alert");
// PII: redact e-mail addresses and phone numbers in free text before anything learns from it.
Frame notes = Frame.builder().strings("note", "call +44 20 7946 0958 or mail jane.doe@example.com", "no contact data here").build();
Pipeline.builder().step("redact", Columns.names("note"), Redact.replace()).build().fit(notes).transform(notes)
// Tribuo: the pipeline's output as a Tribuo dataset with its feature names and provenance.
var ds = TribuoDatasets.classification(fitted, cancer, "target");
ds.size() + " examples, " + ds.getFeatureMap().size() + " features"
/exit
