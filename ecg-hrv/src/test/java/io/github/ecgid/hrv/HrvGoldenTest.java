package io.github.ecgid.hrv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every index against the numpy/scipy reference in src/test/python/make_golden.py: time domain to 1e-9
 * relative, nonlinear to 1e-6, band powers to 1 %.
 */
class HrvGoldenTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = HrvGoldenTest.class.getResourceAsStream("/hrv/hrv_golden.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<JsonNode> list = new ArrayList<>();
            root.forEach(list::add);
            return list.stream();
        }
    }

    static RrSeries series(JsonNode c) {
        return new RrSeries(doubles(c.get("intervalsMs")), doubles(c.get("timesMs")));
    }

    static double[] doubles(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = arr.get(i).asDouble();
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void timeDomainMatchesReferenceToOnePartPerBillion(JsonNode c) {
        Map<String, Double> got = HrvAnalyzer.defaults().analyze(series(c)).asMap();
        JsonNode want = c.get("features");
        int checked = 0;
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (isNonlinear(name)) {
                continue;
            }
            assertClose(name, got.get(name), want.get(name), 1e-9, 1e-12);
            checked++;
        }
        assertThat(checked).isEqualTo(25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nonlinearMatchesReferenceToOnePartPerMillion(JsonNode c) {
        Map<String, Double> got = HrvAnalyzer.defaults().analyze(series(c)).asMap();
        JsonNode want = c.get("features");
        int checked = 0;
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (isNonlinear(name)) {
                assertClose(name, got.get(name), want.get(name), 1e-6, 1e-9);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void welchBandPowersMatchScipyWithinOnePercent(JsonNode c) {
        Map<String, Double> got = HrvAnalyzer.defaults().analyze(series(c)).asMap();
        assertFrequency(got, c.get("welch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lombScargleBandPowersMatchScipyWithinOnePercent(JsonNode c) {
        HrvAnalyzer lomb = HrvAnalyzer.builder().psdMethod(PsdMethod.LOMB_SCARGLE).build();
        assertFrequency(lomb.analyze(series(c)).asMap(), c.get("lombScargle"));
    }

    private static void assertFrequency(Map<String, Double> got, JsonNode want) {
        int checked = 0;
        for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertClose(name, got.get(name), want.get(name), 0.01, 1e-9);
            checked++;
        }
        assertThat(checked).isEqualTo(10);
    }

    private static boolean isNonlinear(String name) {
        return List.of("HRV_SD1", "HRV_SD2", "HRV_SD1SD2", "HRV_S", "HRV_CSI", "HRV_CVI", "HRV_ApEn", "HRV_SampEn",
                "HRV_DFA_alpha1", "HRV_DFA_alpha2").contains(name);
    }

    static void assertClose(String name, Double got, JsonNode want, double rel, double abs) {
        assertThat(got).as(name + " present").isNotNull();
        if (want.isNull()) {
            assertThat(got).as(name).isNaN();
            return;
        }
        double w = want.asDouble();
        assertThat(got).as(name).isCloseTo(w, within(Math.max(abs, rel * Math.abs(w))));
    }
}
