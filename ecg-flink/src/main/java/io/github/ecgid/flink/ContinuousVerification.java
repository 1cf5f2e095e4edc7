package io.github.ecgid.flink;

import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.model.identify.EcgIdentifier;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device: streaming R-peak detection and continuous verification of the device's owner, one
 * {@link WindowDecision} per window of beats. The detector's snapshot, the recent samples and the pending
 * R-peaks live in Flink keyed state ({@link DeviceMonitorState}, a POJO), so a restore from a checkpoint
 * continues each device exactly where the checkpoint left it. Decisions carry the event time of the chunk that
 * completed their window.
 */
public final class ContinuousVerification extends KeyedProcessFunction<String, EcgChunk, WindowDecision> {
    private static final long serialVersionUID = 1L;

    /** The keyed state's descriptor: a POJO type, serialized by Flink's POJO serializer. */
    static final ValueStateDescriptor<DeviceMonitorState> STATE =
            new ValueStateDescriptor<>("ecgid-device", Types.POJO(DeviceMonitorState.class));

    private final Enrollment enrollment;
    private transient ValueState<DeviceMonitorState> state;
    private transient Map<Double, EcgIdentifier> identifiers;
    private transient Map<Double, WindowCutter> cutters;

    public ContinuousVerification(Enrollment enrollment) {
        this.enrollment = enrollment;
    }

    /** Restarts of subtask 0 (every restart of the job restarts it: one region) seen in this JVM. */
    private static final AtomicInteger RESTARTS = new AtomicInteger();

    /** Restarts of this function's tasks seen in this JVM so far (embedded MiniCluster runs). */
    public static int restartsSeen() {
        return RESTARTS.get();
    }

    /** Bytes of one device's keyed state as Flink's POJO serializer writes it to a checkpoint. */
    public static int serializedBytes(DeviceMonitorState s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        Types.POJO(DeviceMonitorState.class).createSerializer(new SerializerConfigImpl()).serialize(s, out);
        return out.length();
    }

    @Override
    public void open(OpenContext ctx) {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0
                && getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
            RESTARTS.incrementAndGet();
        }
        state = getRuntimeContext().getState(STATE);
        identifiers = new HashMap<>();
        cutters = new HashMap<>();
    }

    @Override
    public void processElement(EcgChunk chunk, Context ctx, Collector<WindowDecision> out) throws Exception {
        WindowCutter cutter = cutters.computeIfAbsent(chunk.samplingRateHz, fs -> {
            EcgIdentifier id = enrollment.identifier(fs);
            identifiers.put(fs, id);
            return new WindowCutter(id);
        });
        DeviceMonitorState s = state.value();
        if (s == null) {
            s = cutter.newState();
        } else if (s.samplingRateHz != chunk.samplingRateHz) {
            throw new EcgSignalException("Device " + chunk.deviceId + " changed its sampling"
                    + " rate from " + s.samplingRateHz + " Hz to " + chunk.samplingRateHz + " Hz at sample "
                    + chunk.firstSample + "; give a re-configured device a new device id");
        }
        cutter.accept(s, chunk, enrollment.owners().get(chunk.deviceId), out::collect);
        state.update(s);
    }

    @Override
    public void close() {
        if (identifiers != null) {
            identifiers.values().forEach(EcgIdentifier::close);
        }
    }
}
