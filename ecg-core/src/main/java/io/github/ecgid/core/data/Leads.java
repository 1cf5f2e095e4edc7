package io.github.ecgid.core.data;

import io.github.ecgid.core.EcgRecord;
import java.util.List;

/** Lead selection shared by the loaders. */
final class Leads {
    private Leads() {
    }

    /** A one-lead record holding lead {@code index} of {@code rec}, with its annotations and the lead in the source. */
    static EcgRecord single(EcgRecord rec, int index) {
        String name = rec.leadNames().get(index);
        return new EcgRecord(rec.samplingRateHz(), List.of(name), new double[][] {rec.lead(index)},
                rec.startSample(), rec.source() + " [" + name + "]", rec.annotations());
    }
}
