package io.github.ecgid.flink;

import io.github.ecgid.core.EcgRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Replays recorded devices as one interleaved stream of {@link EcgChunk}s, in event-time order (all devices start
 * together; chunk {@code c} of every device comes before chunk {@code c+1} of any). Built on Flink's
 * {@link DataGeneratorSource}, whose position is a checkpointed sequence number, so after a restore the replay
 * resumes at the chunk after the checkpoint: with the keyed state, no sample is lost or fed twice.
 *
 * <p>Chunks are {@link #CHUNK_SAMPLES} samples, aligned at sample 0, the reads {@code Monitor} makes, so the
 * decisions match the single-JVM monitor's exactly. Run the source with parallelism 1: a device's chunks must
 * reach its key in order (the job does).
 */
public final class RecordReplay implements GeneratorFunction<Long, EcgChunk> {
    private static final long serialVersionUID = 1L;

    /** Samples per chunk: the monitor's read size. */
    public static final int CHUNK_SAMPLES = 256;

    private final List<DeviceStream> devices;
    /** Chunk order: device index in the high 32 bits, chunk number in the low. */
    private final long[] order;
    private transient double[][] leads;

    public RecordReplay(List<DeviceStream> devices) {
        this.devices = List.copyOf(devices);
        this.order = order(this.devices);
    }

    private static long[] order(List<DeviceStream> devices) {
        record Slot(double time, int device, int chunk) {
        }
        List<Slot> slots = new ArrayList<>();
        for (int d = 0; d < devices.size(); d++) {
            DeviceStream s = devices.get(d);
            int chunks = (s.length() + CHUNK_SAMPLES - 1) / CHUNK_SAMPLES;
            for (int c = 0; c < chunks; c++) {
                slots.add(new Slot((double) c * CHUNK_SAMPLES / s.samplingRateHz(), d, c));
            }
        }
        slots.sort((a, b) -> a.time != b.time ? Double.compare(a.time, b.time) : Integer.compare(a.device, b.device));
        long[] o = new long[slots.size()];
        for (int i = 0; i < o.length; i++) {
            o[i] = ((long) slots.get(i).device << 32) | slots.get(i).chunk;
        }
        return o;
    }

    /** Number of chunks the replay emits. */
    public long chunkCount() {
        return order.length;
    }

    /** Samples the replay emits. */
    public long sampleCount() {
        long n = 0;
        for (DeviceStream d : devices) {
            n += d.length();
        }
        return n;
    }

    /** The devices, in the order given. */
    public List<DeviceStream> devices() {
        return devices;
    }

    /** A bounded Flink source of this replay; {@code chunksPerSecond} 0 for as fast as the job takes them. */
    public DataGeneratorSource<EcgChunk> source(double chunksPerSecond) {
        return new DataGeneratorSource<>(this, order.length,
                chunksPerSecond > 0 ? RateLimiterStrategy.perSecond(chunksPerSecond) : RateLimiterStrategy.noOp(),
                Types.POJO(EcgChunk.class));
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        leads = new double[devices.size()][];
    }

    @Override
    public EcgChunk map(Long index) {
        long slot = order[Math.toIntExact(index)];
        int d = (int) (slot >>> 32);
        int c = (int) slot;
        DeviceStream s = devices.get(d);
        double[] lead = leads[d];
        if (lead == null) {
            EcgRecord r = s.record().load();
            if (r.length() != s.length() || r.samplingRateHz() != s.samplingRateHz()) {
                throw new io.github.ecgid.core.EcgException("Record of device " + s.deviceId() + " has "
                        + r.length() + " samples at " + r.samplingRateHz() + " Hz on the task, but " + s.length()
                        + " at " + s.samplingRateHz() + " Hz when the job was planned; the file changed: rerun");
            }
            lead = r.lead(0);
            leads[d] = lead;
        }
        int from = c * CHUNK_SAMPLES;
        int to = Math.min(lead.length, from + CHUNK_SAMPLES);
        return new EcgChunk(s.deviceId(), from, s.samplingRateHz(), Arrays.copyOfRange(lead, from, to),
                System.nanoTime());
    }
}
