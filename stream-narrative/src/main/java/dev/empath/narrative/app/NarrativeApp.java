package dev.empath.narrative.app;

import dev.empath.narrative.config.NarrativeSettings;
import dev.empath.narrative.topology.NarrativeTopology;
import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.streams.StreamsService;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stream-narrative: the pacing director over emotion predictions, under exactly-once v2.
 *
 * <p>Configuration: {@link NarrativeSettings}, besides the common Kafka keys.
 */
public final class NarrativeApp implements ServiceDefinition {

  private static final Logger log = LoggerFactory.getLogger(NarrativeApp.class);

  public static void main(String[] args) {
    ServiceBootstrap.run(new NarrativeApp());
  }

  @Override
  public String name() {
    return "stream-narrative";
  }

  /** Every topic the application reads or writes. */
  @Override
  public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
    return List.of(
        catalog.emotion(),
        catalog.interaction(),
        catalog.narrative(),
        catalog.narrativePolicy(),
        NarrativeTopology.acceptedPolicyTopic(catalog),
        catalog.generationRequest(),
        catalog.deadLetter());
  }

  @Override
  public RunningService create(ServiceContext context) {
    NarrativeSettings settings = NarrativeSettings.from(context.config());
    String applicationId = settings.applicationId();
    log.info(
        "stream-narrative {} reads {} with shipped default policy {}",
        applicationId,
        context.topics().emotion().name(),
        settings.defaultPolicy().getVersion());
    return StreamsService.create(
        context, applicationId, NarrativeTopology.buildTopology(context.topics(), settings));
  }
}
