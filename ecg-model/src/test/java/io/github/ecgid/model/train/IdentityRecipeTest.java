package io.github.ecgid.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ecgid.model.TestModels;
import io.github.ecgid.model.identify.IdentifierSettings;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.nn.TrainingOptions;
import io.github.ecgid.model.nn.TrainingSet;
import io.github.ecgid.model.onnx.OnnxModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityRecipeTest {

    private static CorpusPerson person(String id, int beats, int viewBeats) {
        return new CorpusPerson(id, "db", TestModels.randomBeats(beats, id.hashCode()), List.of(), new float[0][],
                viewBeats == 0 ? Map.of() : Map.of("v1", TestModels.randomBeats(viewBeats, 9)));
    }

    @Test
    void capsEachPersonAndMakesOtherLeadsClassesOfTheirOwn() {
        IdentityRecipe r = IdentityRecipe.general().withBeats(20, 5);

        TrainingSet set = r.trainingSet(List.of(person("a", 50, 12), person("b", 8, 0)));

        assertThat(set.classNames()).containsExactly("a", "a:v1", "b");
        assertThat(set.classCounts()).containsExactly(20, 5, 8);
    }

    @Test
    void leavesOtherLeadsOutUnlessAsked() {
        TrainingSet set = IdentityRecipe.general().withBeats(20, 0).trainingSet(List.of(person("a", 30, 12),
                person("b", 30, 12)));

        assertThat(set.classNames()).containsExactly("a", "b");
    }

    @Test
    void theTrainedModelCarriesItsSettingsRecipeAndDatasets() {
        IdentityRecipe r = IdentityRecipe.general().withOptions(TrainingOptions.builder().epochs(2)
                .earlyStoppingPatience(0).seed(3).threads(1).build());

        OnnxModel m = r.train(List.of(person("a", 40, 0), person("b", 40, 0), person("c", 40, 0)),
                Map.of("db", "sha256:abc"), TrainingListener.none());

        assertThat(IdentifierSettings.of(m)).contains(r.settings());
        assertThat(m.metadata()).containsEntry(IdentityRecipe.DATASETS_KEY, "db=sha256:abc")
                .containsKey(IdentityRecipe.RECIPE_KEY).containsKey("ecgid.identity_space");
    }

    @Test
    void trainingIsDeterministic() {
        IdentityRecipe r = IdentityRecipe.general().withOptions(TrainingOptions.builder().epochs(2)
                .earlyStoppingPatience(0).seed(3).threads(2).build());
        List<CorpusPerson> people = List.of(person("a", 40, 0), person("b", 40, 0));

        assertThat(r.train(people, TrainingListener.none()).fingerprint())
                .isEqualTo(r.train(people, TrainingListener.none()).fingerprint());
    }
}
