package io.github.ecgid.spark;

import io.github.ecgid.core.EcgException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code java -jar ecg-spark.jar --db DIR [--db DIR ...] --out DIR [options]} or the same arguments after
 * {@code spark-submit --class io.github.ecgid.spark.SparkMain ecg-spark-app.jar}: runs the {@link ArchiveJob}
 * and prints its summary as one JSON line on standard output. Without {@code --master} (and outside
 * spark-submit, which sets {@code spark.master}) it runs on {@code local[2]}.
 */
public final class SparkMain {
    static final String USAGE = """
            usage: ecg-spark --db DIR [--db DIR ...] --out DIR [options]
              --db DIR          archive folder: WFDB records (with or without RECORDS) or ECG CSVs; repeatable
              --out DIR         Parquet output folder (refused when it exists, unless --overwrite)
              --master URL      Spark master (default: spark-submit's, else local[2])
              --templates FILE  identify against this template store (ecgid enroll); its HMAC key from
                                --key-file FILE or $ECGID_TEMPLATE_KEY. Default: enroll each person from
                                their first recording
              --key-file FILE   the template store's key
              --partitions N    split the archive into N partitions (default: 4 per core)
              --power-line HZ   mains frequency to notch, 50 or 60 (default 50)
              --overwrite       replace an existing --out folder
            """;

    /** The logging configuration a plain {@code java -jar} run uses: warnings, and the job's own progress. */
    static final String LOG_CONFIG = "io/github/ecgid/spark/log4j2-local.properties";

    private SparkMain() {
    }

    /** Runs the job; exit status 0, 1 on a refused input, 2 on a usage error. */
    public static void main(String[] args) {
        ArchiveJob.Options options;
        String master;
        try {
            Parsed p = parse(args);
            if (p == null) {
                System.out.print(USAGE);
                return;
            }
            options = p.options;
            master = p.master;
        } catch (IllegalArgumentException | EcgException e) {
            System.err.println("ecg-spark: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (System.getProperty("spark.master") == null && System.getProperty("log4j2.configurationFile") == null) {
            // java -jar: Spark's INFO chatter off (spark-submit keeps the cluster's logging configuration)
            System.setProperty("log4j2.configurationFile", "classpath:" + LOG_CONFIG);
        }
        SparkSession.Builder b = SparkSession.builder().appName("ecgid-archive");
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[2]").config("spark.ui.enabled", "false");
        }
        SparkSession spark = b.config("spark.ui.showConsoleProgress", "false").getOrCreate();
        int status = 0;
        try {
            ArchiveJob.Summary s = ArchiveJob.run(spark, options);
            System.out.println(s.toJson());
        } catch (EcgException e) {
            System.err.println("ecg-spark: " + e.getMessage());
            status = 1;
        } finally {
            spark.stop();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    record Parsed(ArchiveJob.Options options, String master) {
    }

    /** The options of {@code args}, or null for {@code --help}. */
    static Parsed parse(String[] args) {
        List<Path> dbs = new ArrayList<>();
        Path out = null;
        Path templates = null;
        Path keyFile = null;
        String master = null;
        int partitions = 0;
        double powerLine = 50;
        boolean overwrite = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--overwrite" -> overwrite = true;
                case "--db" -> dbs.add(Path.of(value(args, ++i, a)));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--master" -> master = value(args, ++i, a);
                case "--templates" -> templates = Path.of(value(args, ++i, a));
                case "--key-file" -> keyFile = Path.of(value(args, ++i, a));
                case "--partitions" -> partitions = number(value(args, ++i, a), a);
                case "--power-line" -> powerLine = number(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (dbs.isEmpty() || out == null) {
            throw new IllegalArgumentException("--db DIR and --out DIR are required");
        }
        if (keyFile != null && templates == null) {
            throw new IllegalArgumentException("--key-file applies to --templates FILE");
        }
        byte[] key = null;
        if (templates != null) {
            key = keyFile != null ? ArchiveJob.readKey(keyFile) : ArchiveJob.keyFromEnvironment();
            if (key == null) {
                throw new IllegalArgumentException("--templates needs the store's key: --key-file FILE or "
                        + "$ECGID_TEMPLATE_KEY");
            }
        }
        return new Parsed(new ArchiveJob.Options(dbs, out, templates, key, powerLine, partitions, overwrite), master);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + v + "'");
        }
    }
}
