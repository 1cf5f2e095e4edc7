package io.github.ecgid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ecgid.core.EcgRecord;
import io.github.ecgid.model.identify.EcgIdentifier;
import io.github.ecgid.model.identify.PersonTemplate;
import io.github.ecgid.model.identify.TemplateStore;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ecgid enroll --model M.onnx --templates people.ecgt --person alice --input alice.hea}: adds a person
 * (or replaces their template) in a template store, creating the store when it does not exist. No retraining.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Enroll a person from one recording into a template store (created if missing; an enrolled "
                + "person is replaced). The network is not retrained: the person's beats become a template in the "
                + "model's identity space. The store is HMAC-signed with the key from --key-file or $ECGID_TEMPLATE_KEY.",
            "Then `ecgid identify`, `ecgid verify` and `ecgid calibrate` use the store (`ecgid stream --identify "
                + "--templates` too). Enrollments into one store may run at once: each takes the store's lock file "
                + "(<store>.lock) while it reads and rewrites the store."})
final class EnrollCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IdentifierOptions identifier;

    @Mixin
    RecordInput record;

    @Option(names = "--person", required = true, paramLabel = "ID", description = "the person's label, e.g. alice")
    String person;

    @Option(names = "--json", description = "print JSON: {person, beats_used, modes, templates, people}")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces on errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (identifier.templates == null) {
            throw new CommandLine.ParameterException(cl, "enroll needs --templates FILE (the store to add to)");
        }
        if (person.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--person must not be blank");
        }
        EcgRecord rec = record.read(cl);
        String lead = record.leadName(rec);
        try (EcgIdentifier id = identifier.open(cl, rec, lead, false)) {
            PersonTemplate t = id.enroll(person, rec);
            // re-read under the store's lock: another enroll may have written it since it was opened
            int people = TemplateStore.update(identifier.templates, identifier.key(cl), id.model().fingerprint(),
                    all -> TemplateStore.replacing(all, t)).size();
            PrintWriter out = cl.getOut();
            if (json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("person", person);
                j.put("beats_used", t.beatsUsed());
                j.put("modes", t.modeCount());
                j.put("templates", identifier.templates.toString());
                j.put("people", people);
                out.println(new ObjectMapper().writeValueAsString(j));
            } else {
                out.printf("enrolled '%s' from %d beats of lead %s (%d modes); %s holds %d %s%n", person,
                        t.beatsUsed(), lead, t.modeCount(), identifier.templates, people,
                        people == 1 ? "person" : "people");
            }
            out.flush();
        }
        return 0;
    }
}
