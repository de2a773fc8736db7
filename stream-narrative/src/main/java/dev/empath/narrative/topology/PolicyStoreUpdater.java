package dev.empath.narrative.topology;

import dev.empath.narrative.policy.PolicyRules;
import dev.empath.schemas.v1.NarrativePolicy;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global policy store: one policy per game id, a tombstone withdraws it.
 *
 * <p>Reads raw bytes and decodes here, never in the global thread's deserializer: an exception
 * there would stop the global thread and with it the application. Only admitted policies should
 * arrive, so anything unusable is a bug or a foreign writer; it is logged and skipped, and the
 * policy in force stays.
 */
final class PolicyStoreUpdater implements Processor<String, byte[], Void, Void> {

  private static final Logger log = LoggerFactory.getLogger(PolicyStoreUpdater.class);

  private final String storeName;
  private final Deserializer<NarrativePolicy> deserializer;
  private KeyValueStore<String, NarrativePolicy> store;

  PolicyStoreUpdater(String storeName, Deserializer<NarrativePolicy> deserializer) {
    this.storeName = storeName;
    this.deserializer = deserializer;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
      return;
    }
    NarrativePolicy policy;
    try {
      policy = deserializer.deserialize("accepted-policy", record.value());
    } catch (RuntimeException e) {
      log.error(
          "skipping unreadable accepted policy for game {}: {}", record.key(), e.getMessage());
      return;
    }
    List<String> problems = PolicyRules.violations(policy);
    if (!problems.isEmpty() || !record.key().equals(policy.getGameId())) {
      log.error("skipping unusable accepted policy for game {}: {}", record.key(), problems);
      return;
    }
    store.put(record.key(), policy);
  }
}
