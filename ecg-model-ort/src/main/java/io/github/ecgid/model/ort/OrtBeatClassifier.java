package io.github.ecgid.model.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.ecgid.core.EcgModelException;
import io.github.ecgid.model.BeatClassifier;
import io.github.ecgid.model.BeatValidation;
import io.github.ecgid.model.Engine;
import io.github.ecgid.model.Prediction;
import io.github.ecgid.model.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BeatClassifier} on Microsoft ONNX Runtime: one long-lived {@link OrtSession} on the process-wide
 * {@link OrtEnvironment}, with direct input/output buffers that are pooled and reused across calls (a single
 * beat allocates no native memory per call). Thread-safe: concurrent calls each borrow their own buffers;
 * {@link #close()} waits for calls in flight, is idempotent, and makes later calls throw
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * try (OrtBeatClassifier c = OrtBeatClassifier.builder(OnnxModel.read(path)).intraOpThreads(2).build()) {
 *     Prediction p = c.predict(beat);
 * }
 * }</pre>
 */
public final class OrtBeatClassifier implements BeatClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(OrtBeatClassifier.class);
    static final int MAX_CHUNK = 1024;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final String logitsName;
    private final String embeddingName;
    private final int classes;
    private final List<String> classLabels;
    private final ConcurrentLinkedQueue<Scratch> pool = new ConcurrentLinkedQueue<>();
    private final List<Scratch> allScratch = new ArrayList<>();
    // Read lock: a call in flight; write lock: close. Native resources are never freed under a running call.
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private OrtBeatClassifier(OnnxModel model, int intraOpThreads) {
        this.inputName = model.inputName();
        this.logitsName = model.logitsName();
        this.embeddingName = model.embeddingName();
        this.classes = model.classCount();
        this.classLabels = model.classLabels();
        try {
            this.env = OrtEnvironment.getEnvironment();
        } catch (LinkageError | IllegalStateException e) {
            throw new EcgModelException("ONNX Runtime's native library cannot be loaded on this platform ("
                    + e.getMessage() + "); use Engine.PURE_JAVA", e);
        }
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(intraOpThreads);
            opts.setInterOpNumThreads(1);
            opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = env.createSession(model.toRuntimeBytes(), opts);
        } catch (OrtException e) {
            throw new EcgModelException(model.source() + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        try {
            for (String out : List.of(logitsName, embeddingName)) {
                if (!session.getOutputInfo().containsKey(out)) {
                    throw new EcgModelException(model.source() + ": ONNX Runtime session has no output '" + out + "'");
                }
            }
        } catch (OrtException | EcgModelException e) {
            closeQuietly();
            throw e instanceof EcgModelException m ? m
                    : new EcgModelException(model.source() + ": " + e.getMessage(), e);
        }
        LOG.debug("ONNX Runtime session for {} ({} classes, {} intra-op threads)", model.source(), classes,
                intraOpThreads);
    }

    /** A builder for a classifier running {@code model}. */
    public static Builder builder(OnnxModel model) {
        return new Builder(model);
    }

    @Override
    public Engine engine() {
        return Engine.ONNX_RUNTIME;
    }

    @Override
    public List<String> classLabels() {
        return classLabels;
    }

    @Override
    public Prediction predict(float[] beat) {
        BeatValidation.check(beat, -1);
        lock.readLock().lock();
        try {
            ensureOpen();
            Scratch s = borrow(1);
            try {
                s.input.clear();
                s.input.put(beat);
                s.runSingle();
                float[] logits = new float[classes];
                float[] emb = new float[EMBEDDING_SIZE];
                s.logits.get(0, logits);
                s.embedding.get(0, emb);
                return BeatValidation.checkOutput(new Prediction(logits, emb), -1);
            } finally {
                pool.offer(s);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Prediction> predictBatch(float[][] beats) {
        BeatValidation.checkAll(beats);
        lock.readLock().lock();
        try {
            ensureOpen();
            List<Prediction> out = new ArrayList<>(beats.length);
            // Large batches run in chunks so pooled buffers stay bounded (MAX_CHUNK beats: ~0.8 MB).
            for (int from = 0; from < beats.length; from += MAX_CHUNK) {
                int n = Math.min(MAX_CHUNK, beats.length - from);
                Scratch s = borrow(n);
                try {
                    s.input.clear();
                    for (int b = from; b < from + n; b++) {
                        s.input.put(beats[b]);
                    }
                    s.runBatch(n);
                    for (int b = 0; b < n; b++) {
                        float[] logits = new float[classes];
                        float[] emb = new float[EMBEDDING_SIZE];
                        s.logits.get(b * classes, logits);
                        s.embedding.get(b * EMBEDDING_SIZE, emb);
                        out.add(BeatValidation.checkOutput(new Prediction(logits, emb), from + b));
                    }
                } finally {
                    pool.offer(s);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ONNX Runtime beat classifier has been closed");
        }
    }

    /** A pooled scratch with room for at least {@code batch} beats (grown, not shrunk, when too small). */
    private Scratch borrow(int batch) {
        Scratch s = pool.poll();
        if (s != null && s.capacity >= batch) {
            return s;
        }
        if (s != null) {
            s.closeTensors();
        }
        int capacity = s == null ? batch : Math.min(MAX_CHUNK, Math.max(batch, 2 * s.capacity));
        Scratch fresh = new Scratch(capacity);
        synchronized (allScratch) {
            if (s != null) {
                allScratch.remove(s);
            }
            allScratch.add(fresh);
        }
        return fresh;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeQuietly() {
        synchronized (allScratch) {
            for (Scratch s : allScratch) {
                s.closeTensors();
            }
            allScratch.clear();
        }
        pool.clear();
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the ONNX Runtime session failed: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "BeatClassifier[onnx-runtime, classes=" + classes + "]";
    }

    /** Direct buffers for up to {@code capacity} beats, and ready-made tensors over them for one beat. */
    private final class Scratch {
        final int capacity;
        final FloatBuffer input;
        final FloatBuffer logits;
        final FloatBuffer embedding;
        private OnnxTensor in1;
        private OnnxTensor logits1;
        private OnnxTensor emb1;
        private Map<String, OnnxTensor> inputs1;
        private Map<String, OnnxTensor> outputs1;

        Scratch(int capacity) {
            this.capacity = capacity;
            this.input = direct(capacity * BEAT_LENGTH);
            this.logits = direct(capacity * classes);
            this.embedding = direct(capacity * EMBEDDING_SIZE);
        }

        void runSingle() {
            try {
                if (in1 == null) {
                    in1 = OnnxTensor.createTensor(env, view(input, BEAT_LENGTH), new long[] {1, 1, BEAT_LENGTH});
                    logits1 = OnnxTensor.createTensor(env, view(logits, classes), new long[] {1, classes});
                    emb1 = OnnxTensor.createTensor(env, view(embedding, EMBEDDING_SIZE),
                            new long[] {1, EMBEDDING_SIZE});
                    inputs1 = Map.of(inputName, in1);
                    outputs1 = Map.of(logitsName, logits1, embeddingName, emb1);
                }
                session.run(inputs1, outputs1).close(); // pinned outputs: results land in our buffers
            } catch (OrtException e) {
                throw new EcgModelException("ONNX Runtime inference failed: " + e.getMessage(), e);
            }
        }

        void runBatch(int batch) {
            try (OnnxTensor in = OnnxTensor.createTensor(env, view(input, batch * BEAT_LENGTH),
                    new long[] {batch, 1, BEAT_LENGTH});
                 OnnxTensor lo = OnnxTensor.createTensor(env, view(logits, batch * classes),
                         new long[] {batch, classes});
                 OnnxTensor em = OnnxTensor.createTensor(env, view(embedding, batch * EMBEDDING_SIZE),
                         new long[] {batch, EMBEDDING_SIZE})) {
                session.run(Map.of(inputName, in), Map.of(logitsName, lo, embeddingName, em)).close();
            } catch (OrtException e) {
                throw new EcgModelException("ONNX Runtime inference failed: " + e.getMessage(), e);
            }
        }

        void closeTensors() {
            if (in1 != null) {
                in1.close();
                logits1.close();
                emb1.close();
                in1 = null;
            }
        }

        private static FloatBuffer direct(int floats) {
            return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        private static FloatBuffer view(FloatBuffer buf, int floats) {
            return buf.duplicate().position(0).limit(floats).slice();
        }
    }

    /** Options for an {@link OrtBeatClassifier}. */
    public static final class Builder {
        private final OnnxModel model;
        private int intraOpThreads = 1;

        private Builder(OnnxModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Threads ONNX Runtime may use inside one inference (default 1: best latency per beat when callers run
         * several beats in parallel; raise it for large batches on an otherwise idle machine).
         */
        public Builder intraOpThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be >= 1, was " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Creates the session.
         *
         * @throws EcgModelException if ONNX Runtime cannot load the model or its native library
         */
        public OrtBeatClassifier build() {
            return new OrtBeatClassifier(model, intraOpThreads);
        }
    }
}
