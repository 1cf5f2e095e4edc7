package io.github.ecgid.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.core.synth.SyntheticCohort;
import io.github.ecgid.signal.beat.BeatPipeline;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.train.CorpusPerson;
import io.github.ecgid.model.train.IdentityRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A recipe over person-disjoint folds, on synthetic people: galleries by database, strangers, pooled folds. */
class RecipeEvaluationTest {

    private static List<CorpusPerson> people(String db, int n, long seed, boolean withTests) {
        SyntheticCohort cohort = SyntheticCohort.of(n, seed).withDurationSeconds(30);
        BeatPipeline pipeline = new BeatPipeline(250, 50, "pan-tompkins", true);
        List<CorpusPerson> out = new ArrayList<>();
        for (int p = 1; p <= n; p++) {
            float[][] enroll = pipeline.extract(cohort.recording(p, 1).record().lead(0)).beats();
            List<float[][]> tests = withTests
                    ? List.<float[][]>of(pipeline.extract(cohort.recording(p, 2).record().lead(0)).beats()) : List.of();
            out.add(new CorpusPerson(db + ":p" + p, db, enroll, tests, new float[0][], Map.of()));
        }
        return out;
    }

    @Test
    void foldsDealEachDatabaseEvenly() {
        List<CorpusPerson> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(new CorpusPerson("a:" + i, "a", new float[0][], List.of(), new float[0][], Map.of()));
        }
        for (int i = 0; i < 4; i++) {
            all.add(new CorpusPerson("b:" + i, "b", new float[0][], List.of(), new float[0][], Map.of()));
        }
        int[] fold = RecipeEvaluation.assignFolds(all, 2, 42);
        long aInFirst = java.util.stream.IntStream.range(0, 7).filter(i -> fold[i] == 0).count();
        long bInFirst = java.util.stream.IntStream.range(7, 11).filter(i -> fold[i] == 0).count();

        assertThat(aInFirst).isBetween(3L, 4L);
        assertThat(bInFirst).isEqualTo(2);
        assertThat(fold).isEqualTo(RecipeEvaluation.assignFolds(all, 2, 42));
    }

    @Test
    void identifiesHeldOutPeopleWithAnIdentifierBuiltFromEachFoldsModel() {
        List<CorpusPerson> all = new ArrayList<>(people("synthetic", 8, 2026, true));
        all.addAll(people("strangers", 4, 77, false));
        IdentityRecipe recipe = IdentityRecipe.general().withOptions(TrainingOptions.builder().epochs(6)
                .earlyStoppingPatience(0).seed(7).threads(1).build());
        List<String> lines = new ArrayList<>();

        Map<String, GalleryReport> r = RecipeEvaluation.builder(recipe, all).folds(2).strangers("strangers")
                .progress(lines::add).build().run();

        assertThat(r).containsOnlyKeys("synthetic");
        GalleryReport g = r.get("synthetic");
        assertThat(g.galleries()).isEqualTo(2);
        assertThat(g.persons()).isEqualTo(8);
        assertThat(g.openSet().strangers()).isEqualTo(4);
        assertThat(lines).anyMatch(l -> l.contains("fold 1/2: training on 6 people"));
        assertThat(g.rank1().get(10)).isGreaterThan(0.5); // chance is 1 in 4 within a fold's gallery
        assertThat(g.toJson()).containsKeys("persons", "rank1", "eer", "frr_at_far_0.1pct", "open_set");
    }
}
