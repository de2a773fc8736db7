package dev.empath.narrative.topology;

import dev.empath.narrative.policy.PolicyRules;
import dev.empath.schemas.v1.NarrativePolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits published policies to the accepted-policy topic the global store is built from.
 *
 * <p>It runs in a regular stream task, not in the global thread, because only there does a
 * rejection reach the dead-letter topic: undecodable or contract-breaking bytes are dead-lettered
 * by the serde and the deserialization handler, and what this processor rejects (director rules, a
 * key that is not the policy's game id) by the processing handler — inside the task's transaction.
 * The global thread cannot dead-letter (Kafka 4.4's global task has no record collector), so it
 * must only ever see policies that were admitted here.
 */
final class PolicyAdmission implements Processor<String, NarrativePolicy, String, NarrativePolicy> {

  private static final Logger log = LoggerFactory.getLogger(PolicyAdmission.class);

  private ProcessorContext<String, NarrativePolicy> context;

  @Override
  public void init(ProcessorContext<String, NarrativePolicy> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, NarrativePolicy> record) {
    if (record.key() == null || record.key().isEmpty()) {
      throw new IllegalArgumentException("policy record without a game id key");
    }
    NarrativePolicy policy = record.value();
    if (policy == null) {
      log.info("policy for game {} withdrawn (tombstone)", record.key());
      context.forward(record);
      return;
    }
    if (!record.key().equals(policy.getGameId())) {
      throw new IllegalArgumentException(
          "policy key '"
              + record.key()
              + "' differs from its game_id '"
              + policy.getGameId()
              + "'");
    }
    PolicyRules.requireValid(policy, policy.getVersion());
    log.info("policy {} admitted for game {}", policy.getVersion(), record.key());
    context.forward(record);
  }
}
