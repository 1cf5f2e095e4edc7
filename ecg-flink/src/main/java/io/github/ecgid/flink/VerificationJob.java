package io.github.ecgid.flink;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The continuous-verification pipeline: a source of {@link EcgChunk}s with event-time timestamps (the time of each
 * chunk's last sample) and bounded-out-of-orderness watermarks, an optional {@link FailureInjection}, then
 * {@code keyBy(device)} into {@link ContinuousVerification}. Checkpointing is on, exactly once.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * VerificationJob.configure(env, 2, Duration.ofMillis(500));
 * DataStream<WindowDecision> decisions = VerificationJob.decisions(env, replay.source(0), enrollment, null);
 * try (CloseableIterator<WindowDecision> it = decisions.executeAndCollect("ecgid")) { ... }
 * }</pre>
 */
public final class VerificationJob {
    /** Lateness the watermarks allow between devices of one source split. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    private VerificationJob() {
    }

    /**
     * Sets parallelism, exactly-once checkpointing every {@code checkpointInterval}, up to 3 restarts 200 ms apart,
     * and POJO/primitive types only (a type that would fall back to Kryo fails the job at build time).
     */
    public static void configure(StreamExecutionEnvironment env, int parallelism, Duration checkpointInterval) {
        configure(env, parallelism, checkpointInterval, null);
    }

    /**
     * As {@link #configure(StreamExecutionEnvironment, int, Duration)}, with checkpoints written under
     * {@code checkpointDirectory} (a URI such as {@code file:///tmp/ckpt} or {@code s3://bucket/ckpt}); null keeps
     * the cluster's setting (Flink's default keeps checkpoints in the JobManager's memory, at most 5 MiB of state:
     * about 60 devices).
     */
    public static void configure(StreamExecutionEnvironment env, int parallelism, Duration checkpointInterval,
                                 String checkpointDirectory) {
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        if (checkpointDirectory != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(conf);
    }

    /**
     * The decisions of every device of a replay (one reader: a device's chunks must reach its key in order).
     *
     * @param failure a failure to inject after the source, or null
     */
    public static DataStream<WindowDecision> decisions(StreamExecutionEnvironment env, Source<EcgChunk, ?, ?> source,
                                                       Enrollment enrollment, FailureInjection failure) {
        return decisions(env, source, 1, enrollment, failure);
    }

    /**
     * The decisions of every device of {@code source}, read by {@code readers} parallel readers; each device's
     * chunks must come from one reader, in order (a Kafka topic keyed by device: up to one reader a partition).
     *
     * @param failure a failure to inject after the source, or null
     */
    public static DataStream<WindowDecision> decisions(StreamExecutionEnvironment env, Source<EcgChunk, ?, ?> source,
                                                       int readers, Enrollment enrollment, FailureInjection failure) {
        WatermarkStrategy<EcgChunk> watermarks = WatermarkStrategy.<EcgChunk>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner((chunk, previous) -> chunk.eventTimeMillis());
        DataStream<EcgChunk> chunks = env.fromSource(source, watermarks, "ecg-chunks", Types.POJO(EcgChunk.class))
                .setParallelism(readers).uid("ecg-chunks");
        if (failure != null) {
            chunks = chunks.map(failure).returns(Types.POJO(EcgChunk.class)).setParallelism(readers)
                    .name("failure-injection")
                    .uid("failure-injection");
        }
        return chunks.keyBy(c -> c.deviceId, Types.STRING)
                .process(new ContinuousVerification(enrollment), Types.POJO(WindowDecision.class))
                .name("continuous-verification").uid("continuous-verification");
    }
}
