package dev.empath.platform.streams.documents;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A kind of per-game document that is published to a compacted topic, admitted by a stream task and
 * served to every instance from a global store: narrative policies, emotion models.
 *
 * @param kind what the documents are, for log lines and errors ("policy", "model")
 * @param gameId the game a document is for; the record key must equal it
 * @param version the document's version, for log lines
 * @param violations what is wrong with a document, empty when it can be used
 * @param admit throws, naming the problem, when a document must not be admitted (its rules, and
 *     whatever else admission needs, such as building the model it describes)
 */
public record GameDocuments<D>(
    String kind,
    Function<D, String> gameId,
    Function<D, String> version,
    Function<D, List<String>> violations,
    Consumer<D> admit) {}
