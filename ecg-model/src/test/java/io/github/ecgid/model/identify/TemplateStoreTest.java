package io.github.ecgid.model.identify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ecgid.core.EcgFormatException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStoreTest {
    private static final byte[] KEY = "a-32-byte-secret-for-unit-tests!".getBytes(StandardCharsets.UTF_8);
    private static final String MODEL = "sha256:model-a";

    @TempDir
    Path dir;

    private static List<PersonTemplate> people() {
        return List.of(
                PersonTemplate.fromEmbeddings("alice", new float[][] {{1, 0, 0, 0}, {0.9f, 0.1f, 0, 0}}),
                PersonTemplate.fromEmbeddings("bob", new float[][] {{0, 1, 0, 0}, {0, 0.8f, 0.2f, 0}}));
    }

    @Test
    void roundTripsTemplatesExactly() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        assertThat(TemplateStore.read(f, KEY)).isEqualTo(people());
    }

    @Test
    void updateReplacesAnEnrolledPersonAndKeepsTheOthers() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        PersonTemplate newAlice = PersonTemplate.fromEmbeddings("alice", new float[][] {{0, 0, 1, 0}});
        List<PersonTemplate> now = TemplateStore.update(f, KEY, MODEL, all -> TemplateStore.replacing(all, newAlice));
        assertThat(now).extracting(PersonTemplate::personId).containsExactly("alice", "bob");
        assertThat(TemplateStore.read(f, KEY)).containsExactly(newAlice, people().get(1));
    }

    @Test
    void updateCreatesAMissingStore() {
        Path f = dir.resolve("sub/new.ecgt");
        TemplateStore.update(f, KEY, MODEL, all -> TemplateStore.replacing(all, people().get(0)));
        assertThat(TemplateStore.read(f, KEY)).containsExactly(people().get(0));
    }

    @Test
    void concurrentUpdatesFromThreadsLoseNobody() throws Exception {
        Path f = dir.resolve("busy.ecgt");
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "p" + w;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 5; i++) {
                    PersonTemplate t = PersonTemplate.fromEmbeddings(id + "-" + i, new float[][] {{1, i, 0, 0}});
                    TemplateStore.update(f, KEY, MODEL, all -> TemplateStore.replacing(all, t));
                }
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> d : done) {
            d.get();
        }
        pool.shutdown();
        assertThat(TemplateStore.read(f, KEY)).hasSize(writers * 5);
    }

    @Test
    void concurrentUpdatesFromAnotherProcessLoseNobody() throws Exception {
        Path f = dir.resolve("shared.ecgt");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreWriterProcess.class.getName(), f.toString(),
                "other", "100").redirectErrorStream(true).start();
        java.io.BufferedReader said = new java.io.BufferedReader(
                new java.io.InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
        assertThat(said.readLine()).isEqualTo("ready"); // both write at the same time from here on
        StoreWriterProcess.enroll(f, "this", 100);
        assertThat(other.waitFor()).isZero();
        assertThat(TemplateStore.read(f, KEY)).hasSize(200);
    }

    @Test
    void aWriteDuringAnUpdateWaitsAndLandsAfterIt() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        List<PersonTemplate> replacement = List.of(people().get(1));
        Thread[] writer = new Thread[1];
        boolean[] writerWaited = new boolean[1];
        TemplateStore.update(f, KEY, MODEL, all -> {
            writer[0] = new Thread(() -> TemplateStore.write(f, replacement, KEY, MODEL));
            writer[0].start();
            try {
                writer[0].join(500); // an unlocked write finishes well within this
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writerWaited[0] = writer[0].isAlive();
            return TemplateStore.replacing(all, PersonTemplate.fromEmbeddings("carol", new float[][] {{0, 0, 0, 1}}));
        });
        writer[0].join();
        assertThat(writerWaited[0]).as("write blocked while the update held the store").isTrue();
        assertThat(TemplateStore.read(f, KEY)).isEqualTo(replacement);
    }

    /** The other process of {@link #concurrentUpdatesFromAnotherProcessLoseNobody}. */
    static final class StoreWriterProcess {
        public static void main(String[] args) {
            System.out.println("ready");
            System.out.flush();
            enroll(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        }

        static void enroll(Path store, String prefix, int people) {
            for (int i = 0; i < people; i++) {
                PersonTemplate t = PersonTemplate.fromEmbeddings(prefix + i, new float[][] {{1, i, 0, 0}});
                TemplateStore.update(store, KEY, MODEL, all -> TemplateStore.replacing(all, t));
            }
        }
    }

    @Test
    void roundTripsTemplatesWithSeveralModes() {
        float[][] beats = new float[40][];
        for (int i = 0; i < beats.length; i++) {
            beats[i] = new float[] {i % 2, (i + 1) % 2, 0.01f * i, 0};
        }
        List<PersonTemplate> many = List.of(PersonTemplate.fromEmbeddings("carol", beats));
        assertThat(many.get(0).modeCount()).isGreaterThan(1);
        Path f = dir.resolve("modes.ecgt");
        TemplateStore.write(f, many, KEY, MODEL);
        assertThat(TemplateStore.read(f, KEY)).isEqualTo(many);
    }

    @Test
    void readsAVersionOneStoreAsTemplatesWhoseOnlyModeIsTheCentroid() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(TemplateStore.MAGIC);
            out.writeInt(1);
            out.writeInt(2); // dimension
            out.writeInt(1); // templates
            out.writeUTF("dave");
            out.writeInt(12);
            out.writeDouble(0.9);
            out.writeFloat(0.6f);
            out.writeFloat(0.8f);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] body = bytes.toByteArray();
        byte[] tag = mac.doFinal(body);
        Path f = dir.resolve("v1.ecgt");
        Files.write(f, body);
        Files.write(f, tag, StandardOpenOption.APPEND);
        assertThat(TemplateStore.read(f, KEY))
                .containsExactly(PersonTemplate.ofCentroid("dave", new float[] {0.6f, 0.8f}, 0.9, 12));
    }

    @Test
    void refusesAStoreWithOneFlippedBit() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        byte[] b = Files.readAllBytes(f);
        b[30] ^= 0x01;
        Files.write(f, b);
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("integrity check").hasMessageContaining("people.ecgt");
    }

    @Test
    void refusesATruncatedStore() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 5));
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("integrity check");
        Files.write(f, Arrays.copyOf(b, 20));
        assertThatThrownBy(() -> TemplateStore.read(f, KEY)).isInstanceOf(EcgFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void refusesAStoreWrittenWithAnotherKey() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        byte[] other = "another-32-byte-secret-for-tests".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TemplateStore.read(f, other)).isInstanceOf(EcgFormatException.class);
    }

    @Test
    void rejectsShortKeys() {
        assertThatThrownBy(() -> TemplateStore.write(dir.resolve("x"), people(), new byte[8], MODEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void templateToStringNeverShowsTheCentroid() {
        assertThat(people().get(0).toString()).doesNotContain("0.9").contains("alice");
    }

    @Test
    void refusesTemplatesEnrolledWithAnotherModel() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);

        assertThatThrownBy(() -> TemplateStore.read(f, KEY, "sha256:model-b"))
                .isInstanceOf(io.github.ecgid.core.EcgModelException.class)
                .hasMessageContaining("enrolled with the model sha256:model-a")
                .hasMessageContaining("re-enroll");
        assertThat(TemplateStore.read(f, KEY, MODEL)).isEqualTo(people());
    }

    @Test
    void refusesToAddToAStoreOfAnotherModel() {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);

        assertThatThrownBy(() -> TemplateStore.update(f, KEY, "sha256:model-b", all -> all))
                .isInstanceOf(io.github.ecgid.core.EcgModelException.class);
        assertThat(TemplateStore.read(f, KEY, MODEL)).isEqualTo(people());
    }

    @Test
    void everyWriteRaisesTheGenerationSoARestoredOlderCopyIsRefused() throws Exception {
        Path f = dir.resolve("people.ecgt");
        TemplateStore.write(f, people(), KEY, MODEL);
        byte[] older = Files.readAllBytes(f);
        TemplateStore.update(f, KEY, MODEL, all -> all.subList(0, 1));
        long seen = TemplateStore.open(f, KEY).generation();
        Files.write(f, older); // an attacker or a careless restore puts the old file back

        assertThat(seen).isEqualTo(2);
        assertThatThrownBy(() -> TemplateStore.read(f, KEY, MODEL, seen))
                .isInstanceOf(EcgFormatException.class).hasMessageContaining("generation 1");
    }

    @Test
    void aStoreOfAnOlderFormatCannotBeBoundToAModel() throws Exception {
        Path f = dir.resolve("v2.ecgt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(TemplateStore.MAGIC);
            out.writeInt(2);
            out.writeInt(2); // dimension
            out.writeInt(0); // templates
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] body = bytes.toByteArray();
        Files.write(f, body);
        Files.write(f, mac.doFinal(body), StandardOpenOption.APPEND);

        assertThat(TemplateStore.read(f, KEY)).isEmpty();
        assertThatThrownBy(() -> TemplateStore.read(f, KEY, MODEL))
                .isInstanceOf(io.github.ecgid.core.EcgModelException.class)
                .hasMessageContaining("does not record which model");
    }
}
