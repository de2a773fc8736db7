package dev.empath.narrative.app;

import dev.empath.narrative.policy.PolicyDocuments;
import dev.empath.narrative.policy.PolicyRejectedException;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.kafka.KafkaClientConfigs;
import dev.empath.platform.topics.Catalogs;
import dev.empath.schemas.topic.TopicSpec;
import dev.empath.schemas.v1.NarrativePolicy;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code publish-policy <file.json> [--dry-run]}: validates a policy document and publishes it to
 * the policy topic keyed by its game id, so running narrative instances pick it up. Exit codes: 0
 * published (or valid, with --dry-run), 1 rejected, 2 usage.
 */
public final class PublishPolicy {

  private PublishPolicy() {}

  /**
   * How {@code publish-policy} and {@code ./empath promote} publish: a policy without a publication
   * time gets the current one, then it is published and acknowledged.
   *
   * @return the line both commands print
   */
  public static String promote(EmpathConfig config, NarrativePolicy policy)
      throws ExecutionException, InterruptedException {
    NarrativePolicy stamped =
        policy.getPublishedAtMs() == 0
            ? policy.toBuilder().setPublishedAtMs(System.currentTimeMillis()).build()
            : policy;
    RecordMetadata at = publish(config, stamped);
    return String.format(
        "published policy %s for game %s to %s-%d@%d",
        stamped.getVersion(), stamped.getGameId(), at.topic(), at.partition(), at.offset());
  }

  /** Publishes a validated policy and waits for the broker's acknowledgement. */
  public static RecordMetadata publish(EmpathConfig config, NarrativePolicy policy)
      throws ExecutionException, InterruptedException {
    TopicSpec<String, NarrativePolicy> topic = Catalogs.from(config).narrativePolicy();
    try (KafkaProducer<String, NarrativePolicy> producer =
        new KafkaProducer<>(
            KafkaClientConfigs.producer(config, "publish-policy"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      return producer.send(new ProducerRecord<>(topic.name(), policy.getGameId(), policy)).get();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--dry-run"))) {
      System.err.println("usage: publish-policy <policy.json> [--dry-run]");
      System.exit(2);
    }
    NarrativePolicy policy;
    try {
      policy = PolicyDocuments.read(Path.of(args[0]));
    } catch (PolicyRejectedException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    if (args.length == 2) {
      System.out.printf(
          "policy %s for game %s is valid (not published)%n",
          policy.getVersion(), policy.getGameId());
      return;
    }
    System.out.println(promote(EmpathConfig.load(), policy));
  }
}
