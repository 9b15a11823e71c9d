// Benchmarking from JShell: two predictors on the same rows, accuracy with intervals, latency, a paired test, tuning.
Frame cancer = Csv.read(Path.of("examples/src/main/resources/data/breast_cancer.csv"));
cancer.rowCount()
FittedPipeline prep = Pipeline.builder().step("scale", Columns.numeric(), StandardScale.of()).build().fit(cancer);
LabeledData data = LabeledData.classification("cancer", prep.toMatrix(cancer), Arrays.asList(cancer.strings("target").toArray()));
data
// A plain-Java rule and a plain-Java linear score, as any model a team has could be wrapped.
int radius = data.features().columnIndex("worst_radius");
int concave = data.features().columnIndex("worst_concave_points");
Predictor rule = Predictors.function("radius-rule", data.labels(), row -> row[radius] > 0.3 ? 1 : 0);
Predictor linear = Predictors.function("linear", data.labels(), row -> row[radius] + row[concave] > 0 ? 1 : 0);
RunOptions quick = RunOptions.builder().maxWarmup(Duration.ofMillis(300)).minDuration(Duration.ofMillis(200)).minQueries(300).build();
BenchmarkReport report = Benchmark.builder("jshell").data(data).predictor(rule).predictor(linear).scenarios(Scenario.singleStream(), Scenario.offline(1, 64)).runOptions(quick).bootstrap(300, 0.95).build().run();
report.predictors().forEach(p -> System.out.printf("%-12s accuracy %.3f [%.3f, %.3f]  p50 %d ns%n", p.name(), p.metrics().get("accuracy").estimate(), p.metrics().get("accuracy").lower(), p.metrics().get("accuracy").upper(), p.performance(Scenario.SingleStream.class).latency().p50()));
report.comparisons().get(0).mcNemar()
BenchmarkReport.fromJson(report.toJson()).predictors().size()
// Metrics as scikit-learn defines them.
ClassificationMetrics m = ClassificationMetrics.of(data, linear.predict(data.features()));
m.values()
// A short seeded search: the threshold of the linear rule, 3-fold stratified cross-validation.
SearchSpace space = SearchSpace.builder().real("threshold", -1, 1).build();
Study study = Tuner.study(space, Sampler.random(), Direction.MAXIMIZE, 7);
Tuner.optimize(study, 10, 1, CrossValidation.objective(data, 3, 7, true, (train, p) -> Predictors.function("t", data.labels(), row -> row[radius] + row[concave] > p.getDouble("threshold") ? 1 : 0), (d, pred) -> ClassificationMetrics.of(d, pred).accuracy()));
System.out.println(study.table());
if (study.best().value() < 0.85) throw new AssertionError("tuning should find a good threshold: " + study.best());
/exit
