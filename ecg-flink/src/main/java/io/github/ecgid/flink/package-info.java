/**
 * Continuous verification of a device fleet on Apache Flink (optional module): {@link
 * io.github.ecgid.flink.VerificationJob} keys a stream of {@link io.github.ecgid.flink.EcgChunk}s by device and
 * runs {@link io.github.ecgid.flink.ContinuousVerification}, which keeps each device's streaming R-peak detector
 * and recent samples in Flink keyed state and emits one {@link io.github.ecgid.flink.WindowDecision} per window of
 * beats, as the library's single-JVM {@code Monitor} does. Sources: {@link io.github.ecgid.flink.RecordReplay}
 * (recordings, for tests and demos) and {@link io.github.ecgid.flink.KafkaChunks} (production);
 * {@link io.github.ecgid.flink.FlinkMain} is the runnable jar's entry point.
 */
package io.github.ecgid.flink;
