package dev.empath.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.config.EmpathConfig;
import dev.empath.platform.security.TopicUse;
import dev.empath.projector.decode.ProjectedTopics;
import dev.empath.schemas.topic.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * The ACL table of docs/security.md is {@link ServiceAcls}, and the topics it lets each service
 * read and write are the ones the code reads and writes: the Streams topologies' sources, global
 * stores and sinks, the projector's and llm-worker's topic lists.
 */
class SecurityDocsTest {

  private static final Path DOC = Path.of("..", "docs", "security.md");
  private static final ServiceAcls ACLS = ServiceAcls.defaults();
  private static final TopicCatalog TOPICS = TopicCatalog.standard();

  @Test
  void theDocumentedAclTableIsTheFixture() throws Exception {
    assertThat(tableRows("### ACLs"))
        .as("docs/security.md, ACL table; expected:%n%s", String.join("\n", rows()))
        .containsExactlyElementsOf(rows());
  }

  @Test
  void theDocumentedRedisUsersAreTheFixture() throws Exception {
    List<String> expected = new ArrayList<>();
    RedisUsers.all().forEach((user, rules) -> expected.add("| `" + user + "` | `" + rules + "` |"));
    assertThat(tableRows("### Redis users"))
        .as("docs/security.md, Redis users; expected:%n%s", String.join("\n", expected))
        .containsExactlyElementsOf(expected);
  }

  /** The rows of the first table after {@code heading} whose first cell is code. */
  private static List<String> tableRows(String heading) throws Exception {
    List<String> lines = Files.readAllLines(DOC);
    int at = lines.indexOf(heading);
    assertThat(at).as("heading %s in %s", heading, DOC).isNotNegative();
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines.subList(at + 1, lines.size())) {
      if (line.startsWith("|")) {
        inTable = true;
        if (line.startsWith("| `")) {
          rows.add(line.strip());
        }
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  @Test
  void streamEmotionReadsAndWritesWhatItsTopologyDoes() {
    EmpathConfig config = EmpathConfig.of(Map.of());
    Topology topology =
        EmotionTopology.buildTopology(
            TOPICS, EmotionSettings.from(config), EmotionModels.fromConfig(config));
    assertUse(
        ServiceAcls.EMOTION,
        TopicUse.of(topology.describe(), ACLS.emotionApp()),
        ACLS.emotionApp());
  }

  @Test
  void streamNarrativeReadsAndWritesWhatItsTopologyDoes() {
    Topology topology =
        NarrativeTopology.buildTopology(TOPICS, NarrativeSettings.from(EmpathConfig.of(Map.of())));
    assertUse(
        ServiceAcls.NARRATIVE,
        TopicUse.of(topology.describe(), ACLS.narrativeApp()),
        ACLS.narrativeApp());
  }

  @Test
  void theProjectorReadsWhatItProjectsAndTheDeadLettersItSent() {
    assertThat(topics(ServiceAcls.PROJECTOR, AclOperation.READ))
        .isEqualTo(union(new ProjectedTopics(TOPICS).names(), Set.of(TOPICS.deadLetter().name())));
    assertThat(topics(ServiceAcls.PROJECTOR, AclOperation.WRITE))
        .containsExactly(TOPICS.deadLetter().name());
  }

  private static void assertUse(String principal, TopicUse use, String applicationId) {
    assertThat(topics(principal, AclOperation.READ))
        .as("%s reads", principal)
        .isEqualTo(external(use.reads(), applicationId));
    assertThat(topics(principal, AclOperation.WRITE))
        .as("%s writes (the dead-letter handlers write %s)", principal, TOPICS.deadLetter().name())
        .isEqualTo(
            external(union(use.writes(), Set.of(TOPICS.deadLetter().name())), applicationId));
  }

  /**
   * Topics outside the application's own internal ones (covered by its prefix ACL; a description
   * names repartition topics before they get the prefix).
   */
  private static Set<String> external(Set<String> topics, String applicationId) {
    return topics.stream()
        .filter(t -> !t.startsWith(applicationId + "-") && !t.endsWith("-repartition"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<String> topics(String principal, AclOperation operation) {
    return ACLS.of(principal).stream()
        .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
        .filter(b -> b.pattern().patternType() == PatternType.LITERAL)
        .filter(b -> b.entry().operation() == operation)
        .map(b -> b.pattern().name())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** One row per principal and resource, its operations in order. */
  static List<String> rows() {
    List<String> rows = new ArrayList<>();
    ACLS.all()
        .forEach(
            (principal, bindings) -> {
              Map<String, List<String>> byResource = new LinkedHashMap<>();
              for (AclBinding b : bindings) {
                String resource =
                    b.pattern().resourceType()
                        + " | "
                        + (b.pattern().patternType() == PatternType.PREFIXED ? "prefix " : "")
                        + "`"
                        + b.pattern().name()
                        + "`";
                byResource
                    .computeIfAbsent(resource, r -> new ArrayList<>())
                    .add(operationName(b.entry().operation()));
              }
              byResource.forEach(
                  (resource, operations) ->
                      rows.add(
                          "| `"
                              + principal
                              + "` | "
                              + resource
                              + " | "
                              + String.join(", ", operations)
                              + " |"));
            });
    return rows;
  }

  /** As kafka-acls spells it: Read, Write, DescribeConfigs, All. */
  private static String operationName(AclOperation operation) {
    StringBuilder name = new StringBuilder();
    for (String part : operation.name().split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return name.toString();
  }
}
