package io.github.ecgid.flink;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.io.EcgFiles;
import io.github.ecgid.core.synth.SyntheticCohort;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a replayed device's samples come from, small enough to ship with the job graph: each source task loads
 * the samples itself. Loading twice gives the same samples.
 */
public interface RecordRef extends Serializable {

    /** Loads the record (first lead is streamed). */
    EcgRecord load();

    /** A WFDB or CSV file ({@link EcgFiles#read}), samples {@code [fromSample, toSample)}; -1 for the end. */
    static RecordRef file(Path path, int fromSample, int toSample) {
        return new FileRef(path.toAbsolutePath().toString(), fromSample, toSample);
    }

    /** Session {@code session} of person {@code person} of a synthetic cohort (realistic noise). */
    static RecordRef synthetic(int persons, long seed, int sessions, double durationSeconds, double samplingRateHz,
                               int person, int session) {
        return new SyntheticRef(persons, seed, sessions, durationSeconds, samplingRateHz, person, session);
    }

    /** A file slice. */
    record FileRef(String path, int fromSample, int toSample) implements RecordRef {
        @Override
        public EcgRecord load() {
            EcgRecord r = EcgFiles.read(Path.of(path));
            int to = toSample < 0 ? r.length() : Math.min(toSample, r.length());
            return fromSample == 0 && to == r.length() ? r : r.sliceSamples(fromSample, to);
        }
    }

    /** A synthetic recording, regenerated from its seed. */
    record SyntheticRef(int persons, long seed, int sessions, double durationSeconds, double samplingRateHz,
                        int person, int session) implements RecordRef {
        @Override
        public EcgRecord load() {
            return new SyntheticCohort(persons, seed, sessions, durationSeconds, samplingRateHz,
                    io.github.ecgid.core.synth.Noise.realistic()).recording(person, session).record();
        }
    }
}
