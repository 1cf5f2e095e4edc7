package io.github.ecgid.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Kafka message format, without a broker. */
class KafkaChunksTest {

    @Test
    void aMessageBecomesTheChunkItDescribes() throws Exception {
        EcgChunk c = new KafkaChunks().deserialize(
                "{\"device\":\"watch-7\",\"first_sample\":512,\"fs\":250.0,\"samples_mv\":[0.5,-0.25,1]}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(c).isEqualTo(new EcgChunk("watch-7", 512, 250.0, new double[] {0.5, -0.25, 1}, 0));
        assertThat(c.eventTimeMillis()).isEqualTo(2060); // (512 + 3) / 250 Hz
    }

    @Test
    void aMessageWithoutSamplesOrWithANonNumberIsRejectedNamingTheFormat() {
        KafkaChunks k = new KafkaChunks();
        assertThatThrownBy(() -> k.deserialize("{\"device\":\"w\",\"first_sample\":0,\"fs\":250}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("samples_mv");
        assertThatThrownBy(() -> k.deserialize("{\"device\":\"w\",\"first_sample\":0,\"fs\":250,\"samples_mv\":[1,\"x\"]}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("samples_mv[1]");
    }
}
