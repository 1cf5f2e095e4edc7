package io.github.ecgid.eval;

import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.nn.TrainingListener;
import io.github.ecgid.model.onnx.OnnxModel;
import io.github.ecgid.model.train.CorpusPerson;
import io.github.ecgid.model.train.IdentityRecipe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A training recipe evaluated on people its networks never saw: the corpus's people are dealt into {@code K}
 * folds within each database (seeded shuffle, round robin), one network per fold is trained by the recipe on the
 * other folds' people, and the held-out people are measured with an identifier built from that network exactly
 * as an application builds one ({@link GalleryEvaluation}). Held-out people of the stranger database are
 * presented to every gallery as strangers; held-out people of every other database with test recordings form
 * that database's gallery. Results of the folds are pooled per database.
 *
 * <pre>{@code
 * Map<String, GalleryReport> r = RecipeEvaluation.builder(IdentityRecipe.general(), people)
 *         .folds(5).strangers("ludb").build().run();
 * }</pre>
 */
public final class RecipeEvaluation {
    /** The protocol name reported. */
    public static final String PROTOCOL = "person-disjoint";

    private final Builder b;

    private RecipeEvaluation(Builder b) {
        this.b = b;
    }

    public static Builder builder(IdentityRecipe recipe, List<CorpusPerson> people) {
        return new Builder(recipe, people);
    }

    /**
     * The fold of each person: within each database a shuffle seeded by {@code seed} and the database's name, dealt
     * round robin into {@code k} folds.
     */
    static int[] assignFolds(List<CorpusPerson> people, int k, long seed) {
        Map<String, List<Integer>> byDb = new LinkedHashMap<>();
        for (int i = 0; i < people.size(); i++) {
            byDb.computeIfAbsent(people.get(i).database(), d -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[people.size()];
        for (Map.Entry<String, List<Integer>> db : byDb.entrySet()) {
            List<Integer> order = new ArrayList<>(db.getValue());
            // one stream per database, so a person's fold does not depend on which databases come before
            Collections.shuffle(order, new Random(seed * 31 + db.getKey().hashCode()));
            for (int pos = 0; pos < order.size(); pos++) {
                fold[order.get(pos)] = pos % k;
            }
        }
        return fold;
    }

    /** Trains one network per fold and pools the held-out results, by database (strangers' excluded). */
    public Map<String, GalleryReport> run() {
        int[] fold = assignFolds(b.people, b.folds, b.seed);
        Map<String, GalleryEvaluation> evals = new LinkedHashMap<>();
        double trainSeconds = 0;
        int runFolds = b.onlyFolds > 0 ? b.onlyFolds : b.folds;
        for (int f = 0; f < runFolds; f++) {
            List<CorpusPerson> train = new ArrayList<>();
            Map<String, List<CorpusPerson>> held = new LinkedHashMap<>();
            List<float[][]> strangers = new ArrayList<>();
            for (int i = 0; i < b.people.size(); i++) {
                CorpusPerson p = b.people.get(i);
                if (fold[i] != f) {
                    train.add(p);
                } else if (p.database().equals(b.strangerDatabase)) {
                    strangers.add(p.enrollment());
                } else {
                    held.computeIfAbsent(p.database(), d -> new ArrayList<>()).add(p);
                }
            }
            b.progress.accept("fold " + (f + 1) + "/" + b.folds + ": training on " + train.size() + " people, "
                    + "testing " + held.values().stream().mapToInt(List::size).sum() + " held-out people and "
                    + strangers.size() + " strangers");
            long t0 = System.nanoTime();
            OnnxModel model = b.recipe.train(train, b.listener);
            trainSeconds += (System.nanoTime() - t0) / 1e9;
            try (EcgIdentifier id = EcgIdentifier.builder().samplingRateHz(500).model(model).build()) {
                for (Map.Entry<String, List<CorpusPerson>> e : held.entrySet()) {
                    evals.computeIfAbsent(e.getKey(), d -> new GalleryEvaluation(b.beatCounts, b.openSetBeats))
                            .add(id, e.getValue(), strangers);
                }
            }
            b.progress.accept(String.format("fold %d/%d done (%.0f s training so far)", f + 1, b.folds, trainSeconds));
        }
        Map<String, GalleryReport> out = new LinkedHashMap<>();
        for (Map.Entry<String, GalleryEvaluation> e : evals.entrySet()) {
            List<String> notes = new ArrayList<>(b.notes);
            notes.add(b.folds + " person folds per database (seed " + b.seed + "), strangers: held-out "
                    + b.strangerDatabase + " people; " + String.format("%.0f", trainSeconds) + " s training");
            out.put(e.getKey(), e.getValue().report(e.getKey(), PROTOCOL, notes));
        }
        return out;
    }

    /** Configures a recipe evaluation. */
    public static final class Builder {
        private final IdentityRecipe recipe;
        private final List<CorpusPerson> people;
        private int folds = 5;
        private long seed = 42;
        private String strangerDatabase = "ludb";
        private int[] beatCounts = {1, 5, 10};
        private int openSetBeats = EcgIdentifier.DEFAULT_BEATS_PER_DECISION;
        private TrainingListener listener = TrainingListener.none();
        private Consumer<String> progress = s -> { };
        private List<String> notes = List.of();
        private int onlyFolds;

        private Builder(IdentityRecipe recipe, List<CorpusPerson> people) {
            this.recipe = Objects.requireNonNull(recipe, "recipe");
            this.people = List.copyOf(people);
        }

        /** Person folds per database (default 5). */
        public Builder folds(int k) {
            if (k < 2) {
                throw new IllegalArgumentException("folds must be >= 2, got " + k);
            }
            this.folds = k;
            return this;
        }

        /** Seed of the fold assignment (default 42). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The database whose held-out people are presented as strangers (default {@code "ludb"}). */
        public Builder strangers(String database) {
            this.strangerDatabase = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Beats fused per decision (default 1, 5, 10). */
        public Builder beatCounts(int... k) {
            this.beatCounts = k.clone();
            return this;
        }

        public Builder listener(TrainingListener l) {
            this.listener = Objects.requireNonNull(l);
            return this;
        }

        /** Receives one line per fold. */
        public Builder progress(Consumer<String> p) {
            this.progress = Objects.requireNonNull(p);
            return this;
        }

        /** Runs only the first {@code n} folds (0: all), a quicker estimate while choosing a recipe. */
        public Builder onlyFolds(int n) {
            this.onlyFolds = n;
            return this;
        }

        public Builder notes(List<String> n) {
            this.notes = List.copyOf(n);
            return this;
        }

        public RecipeEvaluation build() {
            return new RecipeEvaluation(this);
        }
    }
}
