package io.github.ecgid.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.PersonTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-device step outside Flink: its state survives a checkpoint round trip, and it copes with bad chunks. */
class WindowCutterTest {
    private static final double FS = 250;
    private static EcgIdentifier identifier;
    private static double[] signal;

    @BeforeAll
    static void enroll() {
        identifier = Enrollment.builder(FS, 10, 50).build();
        List<PersonTemplate> t = List.of(identifier.enroll("p1", RecordRef.synthetic(2, 3, 2, 40, FS, 1, 1).load()));
        identifier.close();
        identifier = Enrollment.of(t, Map.of("d", "p1"), 10, 50).identifier(FS);
        signal = RecordRef.synthetic(2, 3, 2, 40, FS, 1, 2).load().lead(0);
    }

    @AfterAll
    static void close() {
        identifier.close();
    }

    private static EcgChunk chunk(int from) {
        return new EcgChunk("d", from, FS, Arrays.copyOfRange(signal, from,
                Math.min(signal.length, from + RecordReplay.CHUNK_SAMPLES)), System.nanoTime());
    }

    private static List<String> feed(WindowCutter cutter, DeviceMonitorState s, int fromChunk, int toChunk) {
        List<String> keys = new ArrayList<>();
        for (int c = fromChunk; c < toChunk; c++) {
            cutter.accept(s, chunk(c * RecordReplay.CHUNK_SAMPLES), "p1", d -> keys.add(d.key()));
        }
        return keys;
    }

    private static int chunks() {
        return (signal.length + RecordReplay.CHUNK_SAMPLES - 1) / RecordReplay.CHUNK_SAMPLES;
    }

    @Test
    void aDeviceRestoredFromItsSerializedStateDecidesAsIfNeverInterrupted() throws Exception {
        List<String> straight = feed(new WindowCutter(identifier), new WindowCutter(identifier).newState(), 0, chunks());

        WindowCutter before = new WindowCutter(identifier);
        DeviceMonitorState s = before.newState();
        int half = chunks() / 2;
        List<String> resumed = new ArrayList<>(feed(before, s, 0, half));
        TypeSerializer<DeviceMonitorState> serializer =
                Types.POJO(DeviceMonitorState.class).createSerializer(new SerializerConfigImpl());
        assertThat(serializer).as("Flink's POJO serializer, not Kryo").isInstanceOf(PojoSerializer.class);
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        serializer.serialize(s, out);
        DeviceMonitorState restored = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        resumed.addAll(feed(new WindowCutter(identifier), restored, half, chunks()));

        assertThat(straight).hasSizeGreaterThan(3);
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void aRepeatedChunkIsDroppedAndAGapRestartsDetectionAtTheNewSample() {
        WindowCutter cutter = new WindowCutter(identifier);
        DeviceMonitorState s = cutter.newState();
        feed(cutter, s, 0, 4);
        long written = s.written;
        cutter.accept(s, chunk(2 * RecordReplay.CHUNK_SAMPLES), "p1", d -> { });
        assertThat(s.written).as("repeat dropped").isEqualTo(written);

        int after = 30 * RecordReplay.CHUNK_SAMPLES;
        List<WindowDecision> decisions = new ArrayList<>();
        for (int from = after; from < signal.length; from += RecordReplay.CHUNK_SAMPLES) {
            cutter.accept(s, chunk(from), "p1", decisions::add);
        }
        assertThat(s.detectorOrigin).isEqualTo(after);
        assertThat(decisions).isNotEmpty().allSatisfy(d -> assertThat(d.windowStartSample).isGreaterThan(after));
        assertThat(decisions).anySatisfy(d -> assertThat(d.accepted).isTrue());
    }
}
