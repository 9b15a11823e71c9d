package dev.mlops.benchmarking;

/** Uniform draws from a generator seeded by (seed, trial number). */
final class RandomSampler implements Sampler {
  @Override
  public Params sample(Request r) {
    return r.space().sampleUniform(r.random());
  }

  @Override
  public String toString() {
    return "random";
  }
}
