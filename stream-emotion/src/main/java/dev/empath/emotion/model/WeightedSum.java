package dev.empath.emotion.model;

import dev.empath.schemas.v1.WeightedInput;
import java.util.List;

/** A document's terms compiled to indexes: this runs once per behaviour event. */
final class WeightedSum {

  private final int[] inputs;
  private final double[] weights;

  WeightedSum(List<WeightedInput> terms) {
    inputs = new int[terms.size()];
    weights = new double[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      inputs[i] = ModelInputs.indexOf(terms.get(i).getInput());
      weights[i] = terms.get(i).getWeight();
      if (inputs[i] < 0) {
        throw new IllegalArgumentException("unknown input " + terms.get(i).getInput());
      }
    }
  }

  /** The terms summed in the order written, so a document reproduces a formula exactly. */
  double of(double[] values) {
    double sum = 0;
    for (int i = 0; i < inputs.length; i++) {
      sum += weights[i] * values[inputs[i]];
    }
    return sum;
  }
}
