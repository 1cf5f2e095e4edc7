package io.github.ecgid.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgFormatException;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * The production source: {@link EcgChunk}s from a Kafka topic, one JSON message per chunk, keyed by device id so
 * that a device's chunks stay in one partition, in order:
 *
 * <pre>{"device":"watch-0042","first_sample":76800,"fs":250.0,"samples_mv":[0.012,0.015,...]}</pre>
 *
 * Offsets are part of Flink's checkpoints (exactly-once with the keyed state). Give the source as many readers as
 * the topic has partitions, at most. A chunk already seen (a producer retry) is dropped by its sample index; a
 * gap restarts the device's detection (logged).
 */
public final class KafkaChunks implements DeserializationSchema<EcgChunk> {
    private static final long serialVersionUID = 1L;
    private transient ObjectMapper json;

    /** A source reading {@code topic} from its committed offsets (earliest when none), as consumer group {@code group}. */
    @SuppressWarnings("deprecation") // OffsetResetStrategy: the connector's only way to say "committed, else earliest"
    public static KafkaSource<EcgChunk> source(String bootstrapServers, String topic, String group) {
        return KafkaSource.<EcgChunk>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new KafkaChunks())
                .build();
    }

    @Override
    public EcgChunk deserialize(byte[] message) throws IOException {
        if (json == null) {
            json = new ObjectMapper();
        }
        JsonNode n = json.readTree(message);
        JsonNode device = n == null ? null : n.get("device");
        JsonNode first = n == null ? null : n.get("first_sample");
        JsonNode fs = n == null ? null : n.get("fs");
        JsonNode samples = n == null ? null : n.get("samples_mv");
        if (device == null || !device.isTextual() || first == null || !first.canConvertToLong() || fs == null
                || !fs.isNumber() || samples == null || !samples.isArray() || samples.isEmpty()) {
            throw EcgFormatException.inFile("Kafka message", "expected {\"device\":ID,\"first_sample\":N,\"fs\":HZ,"
                    + "\"samples_mv\":[...]} with a non-empty sample array; fix the producer", null);
        }
        double[] x = new double[samples.size()];
        for (int i = 0; i < x.length; i++) {
            if (!samples.get(i).isNumber()) {
                throw EcgFormatException.inFile("Kafka message of device " + device.asText(),
                        "samples_mv[" + i + "] is not a number; fix the producer", null);
            }
            x[i] = samples.get(i).asDouble();
        }
        return new EcgChunk(device.asText(), first.asLong(), fs.asDouble(), x, System.nanoTime());
    }

    @Override
    public boolean isEndOfStream(EcgChunk next) {
        return false;
    }

    @Override
    public TypeInformation<EcgChunk> getProducedType() {
        return Types.POJO(EcgChunk.class);
    }
}
