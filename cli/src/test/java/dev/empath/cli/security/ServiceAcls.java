package dev.empath.cli.security;

import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.schemas.topic.TopicCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Exactly the Kafka ACLs each principal of a deployment needs: the table in docs/security.md, as
 * code ({@code SecurityDocsTest} keeps the two equal, {@code SecuredKafkaIT} runs every service
 * with exactly its own).
 *
 * @param topics the deployment's catalog
 * @param emotionApp stream-emotion's application id
 * @param narrativeApp stream-narrative's application id
 * @param llmGroup llm-worker's group id (its transactional ids start with it)
 * @param projectorGroup memory-projector's group id
 */
public record ServiceAcls(
    TopicCatalog topics,
    String emotionApp,
    String narrativeApp,
    String llmGroup,
    String projectorGroup) {

  public static final String EMOTION = "stream-emotion";
  public static final String NARRATIVE = "stream-narrative";
  public static final String LLM = "llm-worker";
  public static final String PROJECTOR = "memory-projector";
  public static final String QUERY = "query-api";
  public static final String GAME = "game-telemetry";
  public static final String OPERATOR = "empath-operator";

  /** Every principal, the services first. */
  public static final List<String> PRINCIPALS =
      List.of(EMOTION, NARRATIVE, LLM, PROJECTOR, QUERY, GAME, OPERATOR);

  /** The default deployment: no topic prefix, the configuration's default ids. */
  public static ServiceAcls defaults() {
    return new ServiceAcls(
        TopicCatalog.standard(),
        "empath-stream-emotion",
        "empath-stream-narrative",
        "empath-llm-worker",
        "empath-memory-projector");
  }

  /** Principal (user name) to its ACLs, in the order of the docs' table. */
  public Map<String, List<AclBinding>> all() {
    Map<String, List<AclBinding>> all = new LinkedHashMap<>();
    PRINCIPALS.forEach(p -> all.put(p, of(p)));
    return all;
  }

  public List<AclBinding> of(String principal) {
    Acls acls = new Acls(principal);
    TopicCatalog t = topics;
    switch (principal) {
      case EMOTION -> {
        String baselines = EmotionTopology.baselineTopic(t).name();
        acls.topic(AclOperation.READ, t.behavior().name(), t.emotionModel().name());
        acls.topic(AclOperation.READ, t.emotionLabel().name(), t.emotionModelAccepted().name());
        acls.topic(AclOperation.READ, baselines);
        acls.topic(AclOperation.WRITE, t.emotion().name(), t.emotionModelAccepted().name());
        acls.topic(AclOperation.WRITE, baselines, t.deadLetter().name());
        acls.topic(AclOperation.CREATE, baselines);
        acls.topic(
            AclOperation.DESCRIBE_CONFIGS,
            t.behavior().name(),
            t.emotion().name(),
            t.emotionModel().name(),
            t.emotionModelAccepted().name(),
            t.emotionLabel().name(),
            baselines,
            t.deadLetter().name());
        acls.streams(emotionApp);
      }
      case NARRATIVE -> {
        acls.topic(AclOperation.READ, t.emotion().name(), t.interaction().name());
        acls.topic(
            AclOperation.READ, t.narrativePolicy().name(), t.narrativePolicyAccepted().name());
        acls.topic(
            AclOperation.WRITE,
            t.narrative().name(),
            t.generationRequest().name(),
            t.narrativePolicyAccepted().name(),
            t.deadLetter().name());
        acls.topic(
            AclOperation.DESCRIBE_CONFIGS,
            t.emotion().name(),
            t.interaction().name(),
            t.narrative().name(),
            t.narrativePolicy().name(),
            t.narrativePolicyAccepted().name(),
            t.generationRequest().name(),
            t.deadLetter().name());
        acls.streams(narrativeApp);
      }
      case LLM -> {
        acls.topic(AclOperation.READ, t.generationRequest().name());
        acls.topic(AclOperation.WRITE, t.generationResult().name(), t.deadLetter().name());
        acls.topic(
            AclOperation.DESCRIBE_CONFIGS,
            t.generationRequest().name(),
            t.generationResult().name(),
            t.deadLetter().name());
        acls.add(ResourceType.GROUP, PatternType.LITERAL, llmGroup, AclOperation.READ);
        acls.add(
            ResourceType.TRANSACTIONAL_ID,
            PatternType.PREFIXED,
            llmGroup + "-",
            AclOperation.WRITE);
      }
      case PROJECTOR -> {
        List<String> read =
            List.of(
                t.interaction().name(),
                t.emotion().name(),
                t.narrative().name(),
                t.generationResult().name());
        acls.topic(AclOperation.READ, read.toArray(String[]::new));
        // It reads back, at start, the dead letters it sent before, so it never sends one twice.
        acls.topic(AclOperation.READ, t.deadLetter().name());
        acls.topic(AclOperation.WRITE, t.deadLetter().name());
        acls.topic(AclOperation.DESCRIBE_CONFIGS, read.toArray(String[]::new));
        acls.topic(AclOperation.DESCRIBE_CONFIGS, t.deadLetter().name());
        acls.add(ResourceType.GROUP, PatternType.LITERAL, projectorGroup, AclOperation.READ);
      }
      case QUERY -> {
        // The live feed and a session's story read these, the live feed's projection lag looks at
        // the interactions' end offsets; the health check needs no ACL.
        acls.topic(
            AclOperation.READ,
            t.behavior().name(),
            t.emotion().name(),
            t.narrative().name(),
            t.generationRequest().name(),
            t.generationResult().name(),
            t.deadLetter().name());
        acls.topic(AclOperation.DESCRIBE, t.interaction().name());
      }
      case GAME ->
          acls.topic(
              AclOperation.WRITE,
              t.behavior().name(),
              t.interaction().name(),
              t.emotionLabel().name());
      case OPERATOR ->
          // Looking back (story, state, dlq list, train): every topic of the catalog, read-only.
          acls.add(ResourceType.TOPIC, PatternType.PREFIXED, prefixOf(t), AclOperation.READ);
      default -> throw new IllegalArgumentException("unknown principal " + principal);
    }
    return acls.bindings;
  }

  /** The catalog's common prefix: {@code empath.} after the deployment's topic prefix. */
  private static String prefixOf(TopicCatalog t) {
    String behaviour = t.behavior().name();
    return behaviour.substring(0, behaviour.length() - "behavior.v1".length());
  }

  /** Collects one principal's bindings, allow only, from any host. */
  private static final class Acls {
    private final String principal;
    private final List<AclBinding> bindings = new ArrayList<>();

    Acls(String principal) {
      this.principal = "User:" + principal;
    }

    void topic(AclOperation operation, String... names) {
      for (String name : names) {
        add(ResourceType.TOPIC, PatternType.LITERAL, name, operation);
      }
    }

    /**
     * A Streams application's own resources: its internal topics (changelogs, repartitions) by
     * prefix, its group and its exactly-once producers' transactional ids.
     */
    void streams(String applicationId) {
      add(ResourceType.TOPIC, PatternType.PREFIXED, applicationId + "-", AclOperation.ALL);
      add(ResourceType.GROUP, PatternType.LITERAL, applicationId, AclOperation.READ);
      add(
          ResourceType.TRANSACTIONAL_ID,
          PatternType.PREFIXED,
          applicationId + "-",
          AclOperation.WRITE);
    }

    void add(ResourceType type, PatternType pattern, String name, AclOperation operation) {
      bindings.add(
          new AclBinding(
              new ResourcePattern(type, name, pattern),
              new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
    }
  }
}
