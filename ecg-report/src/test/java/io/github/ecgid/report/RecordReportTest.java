package io.github.ecgid.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.core.EcgSignalException;
import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.core.synth.SyntheticRecording;
import io.github.ecgid.signal.detect.Detector;
import org.junit.jupiter.api.Test;

class RecordReportTest {
    static final SyntheticRecording REC = SyntheticCohort.of(2, 11).withSessions(1).withDurationSeconds(60)
            .recording(1, 1);

    @Test
    void findsTheSyntheticBeatsAndFillsTheSections() {
        RecordReport r = RecordReport.analyze(REC.record(), null, Detector.PAN_TOMPKINS, 50);
        assertThat(r.peaks().count()).isBetween(REC.beatCount() - 2, REC.beatCount() + 1);
        assertThat(r.hrv().isEmpty()).isFalse();
        assertThat(r.usableFraction()).isGreaterThan(0.8);
        String html = r.reportBuilder().narrativeOff("off for the test").build().html();
        assertThat(html).contains("<svg class=\"signal\"", "<svg class=\"beats\"", "<svg class=\"tachogram\"",
                "<svg class=\"poincare\"", "HRV_RMSSD", "off for the test", "R-peaks detected");
    }

    @Test
    void narrativeFactsCarryAggregatesOnly() {
        RecordReport r = RecordReport.analyze(REC.record(), null, Detector.PAN_TOMPKINS, 50);
        NarrativeFacts f = r.facts();
        assertThat(f.quality()).containsKeys("Duration (s)", "R-peaks detected", "Mean heart rate (bpm)");
        assertThat(f.quality().get("Duration (s)")).isEqualTo(60.0);
        assertThat(f.hrv()).containsKeys("HRV_SDNN", "HRV_RMSSD");
        assertThat(f.size()).isLessThan(30);
    }

    @Test
    void unknownLeadIsATypedErrorNamingTheLeads() {
        EcgRecord rec = REC.record();
        assertThatThrownBy(() -> RecordReport.analyze(rec, "V9", Detector.PAN_TOMPKINS, 50))
                .isInstanceOf(EcgSignalException.class).hasMessageContaining("V9").hasMessageContaining("leads");
    }
}
