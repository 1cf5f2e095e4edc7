package io.github.ecgid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.signal.beat.QualityGate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GateOptionsTest {

    @CommandLine.Command(name = "t")
    static final class Holder {
        @CommandLine.Mixin
        GateOptions gate;
    }

    private static final BeatPipeline DEFAULT = new BeatPipeline(360, 60, "pan-tompkins", true);

    private static BeatPipeline parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.gate.apply(DEFAULT);
    }

    @Test
    void eachNameGivesItsGate() {
        assertThat(parse("--quality-gate", "recurring").qualityGate()).isEqualTo(QualityGate.recurring());
        assertThat(parse("--quality-gate", "full").qualityGate()).isEqualTo(QualityGate.defaults());
        assertThat(parse("--quality-gate", "amplitude").qualityGate()).isEqualTo(QualityGate.amplitudeOnly());
        assertThat(parse("--quality-gate", "off").qualityGate()).isNull();
    }

    @Test
    void withoutTheOptionThePipelineKeepsItsOwnGate() {
        assertThat(parse()).isSameAs(DEFAULT);
    }
}
