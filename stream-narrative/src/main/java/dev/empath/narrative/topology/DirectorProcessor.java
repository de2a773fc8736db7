package dev.empath.narrative.topology;

import com.google.protobuf.Message;
import dev.empath.narrative.content.ContentTriggers;
import dev.empath.narrative.director.DirectorState;
import dev.empath.narrative.director.PacingDirector;
import dev.empath.narrative.director.Step;
import dev.empath.schemas.v1.EmotionPrediction;
import dev.empath.schemas.v1.GenerationRequest;
import dev.empath.schemas.v1.NarrativeDecision;
import dev.empath.schemas.v1.NarrativePolicy;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the pacing director for each session: reads the session's state, applies the game's policy
 * to the prediction, stores the new state and forwards the decision (if any) and the generation
 * requests it calls for, with the player's last words to the decision's character. Both outputs are
 * keyed by session id, like the input.
 */
final class DirectorProcessor implements Processor<String, Moment, String, Message> {

  private final String stateStoreName;
  private final String policyStoreName;
  private final NarrativePolicy shippedPolicy;
  private ProcessorContext<String, Message> context;
  private KeyValueStore<String, DirectorState> states;
  private Policies policies;

  DirectorProcessor(String stateStoreName, String policyStoreName, NarrativePolicy shippedPolicy) {
    this.stateStoreName = stateStoreName;
    this.policyStoreName = policyStoreName;
    this.shippedPolicy = shippedPolicy;
  }

  @Override
  public void init(ProcessorContext<String, Message> context) {
    this.context = context;
    this.states = context.getStateStore(stateStoreName);
    KeyValueStore<String, NarrativePolicy> published = context.getStateStore(policyStoreName);
    this.policies = new Policies(published, shippedPolicy);
  }

  @Override
  public void process(Record<String, Moment> record) {
    EmotionPrediction prediction = record.value() == null ? null : record.value().prediction();
    if (prediction == null) {
      return;
    }
    // The record key is the partitioning truth; the payload's session id names the session.
    String session = prediction.getSessionId();
    NarrativePolicy policy = policies.forGame(prediction.getGameId());
    Step step = PacingDirector.step(Optional.ofNullable(states.get(session)), prediction, policy);
    states.put(session, step.state());
    if (step.decision().isEmpty()) {
      return;
    }
    NarrativeDecision decision = step.decision().get();
    long at = decision.getTimestampMs();
    context.forward(new Record<String, Message>(session, decision, at));
    for (GenerationRequest request :
        ContentTriggers.requestsFor(
            decision,
            step.changes(),
            prediction,
            policy,
            record.value().words().to(decision.getCharacterId()))) {
      context.forward(new Record<String, Message>(session, request, at));
    }
  }
}
