package dev.empath.projector.decode;

import com.google.protobuf.Message;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A partition's records of one poll, decoded.
 *
 * @param events one per record, in offset order; null where the record was dead-lettered (it still
 *     moves the offset)
 * @param offsets the offset of each record
 * @param next the offset after the last record
 */
public record PartitionEvents(
    TopicPartition partition, List<Message> events, List<Long> offsets, long next) {}
