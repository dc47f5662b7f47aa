package dev.carrel.demo;

import dev.carrel.hub.access.Access;
import dev.carrel.hub.patrons.ImportJob;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The demo's patrons: a fixed population with groups and colleges in the proportions of a university library,
 * imported into the hub's registry through its real CSV import, so that the gate knows their cards and the
 * analytics can segment them. Patron {@code n} carries card {@code 04A1B2} + n in hex.
 */
final class DemoPatrons {
    static final int COUNT = 240;
    private static final String[] GIVEN = {
        "Wei", "Anna", "Li", "Jonas", "Mei", "Lukas", "Xin", "Sofia", "Hao", "Emma", "Yan", "Noah", "Jing", "Mia",
        "Chen", "Paul", "Lin", "Lea", "Bo", "Felix"
    };
    private static final String[] FAMILY = {
        "Zhang",
        "Müller",
        "Wang",
        "Schmidt",
        "Liu",
        "Fischer",
        "Chen",
        "Weber",
        "Yang",
        "Wagner",
        "Huang",
        "Becker",
        "Zhao",
        "Hoffmann",
        "Wu",
        "Koch"
    };
    private static final String[] COLLEGES = {"Arts", "Science", "Engineering", "Medicine", "Law", "Business"};

    private DemoPatrons() {}

    static String card(int n) {
        return String.format("04A1B2%08X", n);
    }

    /** The group of patron {@code n}: 60% undergraduates, 20% postgraduates, then faculty, staff, visitors. */
    static String group(int n) {
        int g = Math.floorMod(n * 37, 100);
        return g < 60 ? "undergraduate" : g < 80 ? "postgraduate" : g < 88 ? "faculty" : g < 93 ? "staff" : "visitor";
    }

    static String csv() {
        Random random = new Random(7);
        StringBuilder out = new StringBuilder("id,name,group,college,card_uid\n");
        for (int n = 1; n <= COUNT; n++) {
            String group = group(n);
            String college =
                    group.equals("visitor") || group.equals("staff") ? "" : COLLEGES[random.nextInt(COLLEGES.length)];
            out.append(String.format("D%04d", n))
                    .append(',')
                    .append(GIVEN[random.nextInt(GIVEN.length)])
                    .append(' ')
                    .append(FAMILY[random.nextInt(FAMILY.length)])
                    .append(',')
                    .append(group)
                    .append(',')
                    .append(college)
                    .append(',')
                    .append(card(n))
                    .append('\n');
        }
        return out.toString();
    }

    /** Imports the population and waits for the import to finish. */
    static void register(Access access) throws InterruptedException {
        ImportJob job = access.imports().submit(csv(), false, false);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ImportJob.Report r = job.report();
            if (r.state() == ImportJob.State.DONE) {
                return;
            }
            if (r.state() == ImportJob.State.FAILED) {
                throw new IllegalStateException("the demo's patron import failed: " + r.errors());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the demo's patron import did not finish in 60 s");
    }

    static List<String> colleges() {
        return List.of(COLLEGES);
    }
}
