package io.github.ecgid.flink;

import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.PersonTemplate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the job verifies against: the enrolled people's templates and which person owns which device, plus the
 * identifier settings both the job and a single-JVM {@code Monitor} must share for their decisions to agree.
 * Shipped to the tasks with the job graph; the templates are held as plain arrays and never logged.
 *
 * @param templates        enrolled templates, in enrollment order
 * @param owners           device id to owner's person id
 * @param beatsPerDecision beats per decision window
 * @param powerLineHz      mains frequency the beat pipeline notches
 */
public record Enrollment(List<Template> templates, Map<String, String> owners, int beatsPerDecision,
                         double powerLineHz) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One person's template as plain arrays ({@link PersonTemplate}'s fields). */
    public record Template(String personId, float[] centroid, float[][] modes, double meanCosine, int beatsUsed)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Template of(PersonTemplate t) {
            return new Template(t.personId(), t.centroid(), t.modes(), t.meanCosine(), t.beatsUsed());
        }

        PersonTemplate toPersonTemplate() {
            return new PersonTemplate(personId, centroid, modes, meanCosine, beatsUsed);
        }

        @Override
        public String toString() {
            return "Template[" + personId + "]";
        }
    }

    public Enrollment {
        templates = List.copyOf(templates);
        owners = Map.copyOf(Objects.requireNonNull(owners, "owners"));
        if (beatsPerDecision < 3) {
            throw new IllegalArgumentException("beatsPerDecision must be >= 3, got " + beatsPerDecision);
        }
    }

    /** From library templates. */
    public static Enrollment of(List<PersonTemplate> templates, Map<String, String> owners, int beatsPerDecision,
                                double powerLineHz) {
        List<Template> plain = new ArrayList<>();
        templates.forEach(t -> plain.add(Template.of(t)));
        return new Enrollment(plain, owners, beatsPerDecision, powerLineHz);
    }

    /** The templates as the library's type. */
    public List<PersonTemplate> personTemplates() {
        List<PersonTemplate> out = new ArrayList<>();
        templates.forEach(t -> out.add(t.toPersonTemplate()));
        return out;
    }

    /** An identifier for this enrollment at a sampling rate (the general model unless one is on the class path). */
    public EcgIdentifier identifier(double samplingRateHz) {
        EcgIdentifier id = builder(samplingRateHz).build();
        id.addTemplates(personTemplates());
        return id;
    }

    /** The identifier settings this enrollment implies, without templates: enroll with it. */
    public static EcgIdentifier.Builder builder(double samplingRateHz, int beatsPerDecision, double powerLineHz) {
        return EcgIdentifier.builder().samplingRateHz(samplingRateHz).powerLineHz(powerLineHz)
                .beatsPerDecision(beatsPerDecision);
    }

    private EcgIdentifier.Builder builder(double samplingRateHz) {
        return builder(samplingRateHz, beatsPerDecision, powerLineHz);
    }

    @Override
    public String toString() {
        return "Enrollment[" + templates.size() + " people, " + owners.size() + " devices, k=" + beatsPerDecision + "]";
    }
}
