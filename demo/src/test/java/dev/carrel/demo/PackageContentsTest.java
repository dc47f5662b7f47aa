package dev.carrel.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The .deb packages built in {@code package} (provisioning/deb, before this module), read with the real
 * {@code dpkg-deb}: control fields, paths, file modes, conffiles and the units' text.
 */
class PackageContentsTest {
    private static final Path TARGET = Path.of("..", "provisioning", "deb", "target");

    @Test
    void agentPackage_hasWrapperUnitUdevKioskAndConffile_withTheirModes() throws Exception {
        Path deb = deb("carrel-agent_");
        String info = dpkg("--info", deb);
        assertTrue(info.contains("Package: carrel-agent"), info);
        assertTrue(info.contains("Architecture: all"), info);
        assertTrue(info.contains("postinst"), info);
        Map<String, String> modes = contents(deb);
        assertEquals("-rwxr-xr-x", modes.get("./usr/bin/carrel-agent"));
        assertEquals("-rwxr-xr-x", modes.get("./usr/bin/carrel-kiosk"));
        assertEquals("-rw-r--r--", modes.get("./usr/share/carrel-agent/carrel-edge-agent.jar"));
        assertEquals("-rw-r--r--", modes.get("./lib/systemd/system/carrel-agent.service"));
        assertEquals("-rw-r--r--", modes.get("./usr/lib/systemd/user/carrel-kiosk.service"));
        assertEquals("-rw-r--r--", modes.get("./lib/udev/rules.d/60-carrel-readers.rules"));
        assertEquals("-rw-r-----", modes.get("./etc/carrel/agent.yaml"), "the agent's config is not world-readable");
        assertEquals("-rw-r--r--", modes.get("./usr/share/doc/carrel-agent/operations.md"));
        assertTrue(
                modes.keySet().stream()
                        .anyMatch(p -> p.matches(
                                "\\./usr/share/carrel-agent/lib/org\\.eclipse\\.paho\\.mqttv5\\.client-.*\\.jar")),
                "the agent's libraries are missing");
        assertEquals("/etc/carrel/agent.yaml", dpkg("--info", deb, "conffiles").strip());

        String unit = dpkg("--fsys-tarfile", deb, "./lib/systemd/system/carrel-agent.service");
        assertTrue(unit.contains("User=carrel"), unit);
        assertTrue(unit.contains("ExecStart=/usr/bin/carrel-agent /etc/carrel/agent.yaml"), unit);
        assertTrue(unit.contains("Restart=always"), unit);
        assertTrue(unit.contains("Type=notify") && unit.contains("WatchdogSec=30"), unit);
        assertTrue(unit.contains("ConditionPathExists=/var/lib/carrel-agent/identity.key"), unit);
        String wrapper = dpkg("--fsys-tarfile", deb, "./usr/bin/carrel-agent");
        assertTrue(wrapper.contains("-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1"), wrapper);
        String kiosk = dpkg("--fsys-tarfile", deb, "./usr/lib/systemd/user/carrel-kiosk.service");
        assertTrue(kiosk.contains("Restart=always"), kiosk);
        assertTrue(dpkg("--fsys-tarfile", deb, "./usr/bin/carrel-kiosk").contains("--kiosk"));
        String postinst = dpkg("--info", deb, "postinst");
        for (String group : List.of("gpio", "dialout", "i2c")) {
            assertTrue(postinst.contains(group), "postinst does not add carrel to " + group);
        }
        assertTrue(dpkg("--fsys-tarfile", deb, "./lib/udev/rules.d/60-carrel-readers.rules")
                .contains("SYMLINK+=\"carrel-"));
        assertFalse(
                dpkg("--fsys-tarfile", deb, "./etc/carrel/agent.yaml").contains("password:"),
                "a default password was shipped");
    }

    @Test
    void hubPackage_hasWrapperUnitAndConfigInEtc() throws Exception {
        Path deb = deb("carrel-hub_");
        assertTrue(dpkg("--info", deb).contains("Package: carrel-hub"));
        Map<String, String> modes = contents(deb);
        assertEquals("-rwxr-xr-x", modes.get("./usr/bin/carrel-hub"));
        assertEquals("-rw-r--r--", modes.get("./usr/share/carrel-hub/carrel-hub.jar"));
        assertEquals("-rw-r--r--", modes.get("./lib/systemd/system/carrel-hub.service"));
        assertEquals("-rw-r-----", modes.get("./etc/carrel/hub.yaml"));
        assertEquals("-rw-r--r--", modes.get("./usr/share/doc/carrel-hub/operations.md"));
        assertEquals("/etc/carrel/hub.yaml", dpkg("--info", deb, "conffiles").strip());
        String unit = dpkg("--fsys-tarfile", deb, "./lib/systemd/system/carrel-hub.service");
        assertTrue(unit.contains("ExecStart=/usr/bin/carrel-hub /etc/carrel/hub.yaml"), unit);
        assertTrue(unit.contains("Restart=on-failure"), unit);
        String config = dpkg("--fsys-tarfile", deb, "./etc/carrel/hub.yaml");
        assertTrue(config.contains("credentials-file: /var/lib/carrel-hub/broker-credentials"), config);
    }

    private static Path deb(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(".deb"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "*.deb in " + TARGET.toAbsolutePath()
                            + ": build with ./mvnw package (provisioning/deb runs before demo)"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AssertionError(TARGET.toAbsolutePath() + " is missing: build with ./mvnw package", e);
        }
    }

    /** Path to mode, from {@code dpkg-deb --contents}. */
    private static Map<String, String> contents(Path deb) throws Exception {
        return dpkg("--contents", deb)
                .lines()
                .map(line -> line.split("\\s+"))
                .collect(Collectors.toMap(f -> f[f.length - 1], f -> f[0], (a, b) -> a, java.util.TreeMap::new));
    }

    /**
     * Runs {@code dpkg-deb}; with {@code --fsys-tarfile} and a member, prints that file through tar (dpkg-deb
     * has no option to print one data file).
     */
    private static String dpkg(String option, Path deb, String... member) throws Exception {
        List<String> command = option.equals("--fsys-tarfile")
                ? List.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xOf - \"$1\"", deb.toString(), member[0])
                : Stream.concat(Stream.of("dpkg-deb", option, deb.toString()), Stream.of(member))
                        .toList();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dpkg-deb hung");
        assertEquals(0, p.exitValue(), command + ": " + out);
        return out;
    }
}
