package dev.empath.emotion.app;

import dev.empath.emotion.config.EmotionSettings;
import dev.empath.emotion.model.EmotionModel;
import dev.empath.emotion.model.EmotionModels;
import dev.empath.emotion.topology.EmotionTopology;
import dev.empath.platform.app.RunningService;
import dev.empath.platform.app.ServiceBootstrap;
import dev.empath.platform.app.ServiceContext;
import dev.empath.platform.app.ServiceDefinition;
import dev.empath.platform.streams.StreamsService;
import dev.empath.platform.topics.TopicSettings;
import dev.empath.schemas.topic.TopicCatalog;
import dev.empath.schemas.topic.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** stream-emotion: behaviour events to per-player-calibrated emotion predictions, exactly once. */
public final class EmotionApp implements ServiceDefinition {

  private static final Logger log = LoggerFactory.getLogger(EmotionApp.class);

  public static void main(String[] args) {
    ServiceBootstrap.run(new EmotionApp());
  }

  @Override
  public String name() {
    return "stream-emotion";
  }

  @Override
  public List<TopicSpec<?, ?>> topics(TopicCatalog catalog) {
    List<TopicSpec<?, ?>> specs = new ArrayList<>(catalog.all());
    specs.add(EmotionTopology.baselineTopic(catalog));
    return specs;
  }

  /** Also waits for the baselines topic, which the global store must see at start-up. */
  @Override
  public void provision(Admin admin, TopicSettings settings, TopicCatalog catalog) {
    EmotionTopics.provision(admin, settings, catalog);
  }

  @Override
  public RunningService create(ServiceContext context) {
    EmotionSettings settings = EmotionSettings.from(context.config());
    EmotionModel model = EmotionModels.fromConfig(context.config());
    log.info(
        "stream-emotion {} (routing {}, emit interval {}, model {})",
        settings.applicationId(),
        settings.routing(),
        settings.emitInterval(),
        model.version());
    return StreamsService.create(
        context,
        settings.applicationId(),
        EmotionTopology.buildTopology(context.topics(), settings, model));
  }
}
