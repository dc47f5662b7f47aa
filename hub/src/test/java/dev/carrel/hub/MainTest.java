package dev.carrel.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.carrel.hub.staff.StaffConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the hub's Main takes from the environment: only {@code CARREL_ADMIN_PASSWORD}, below the files. */
class MainTest {
    @Test
    void environment_givesTheInitialAdminPassword_onlyWhenTheFilesDoNot() {
        Map<String, String> env = Map.of("CARREL_ADMIN_PASSWORD", "from the environment", "HOME", "/root");

        assertEquals(Map.of("carrel.staff.initial-admin-password", "from the environment"), Main.environment(env));
        assertEquals(
                "from the environment",
                staff(Map.of(), env).initialAdminPassword().orElseThrow());
        assertEquals(
                "from the file itself",
                staff(Map.of("carrel.staff.initial-admin-password", "from the file itself"), env)
                        .initialAdminPassword()
                        .orElseThrow());
        assertTrue(staff(Map.of(), Map.of("CARREL_ADMIN_PASSWORD", "  "))
                .initialAdminPassword()
                .isEmpty());
    }

    /** The configuration as Main assembles it: the file first, the environment last. */
    private static StaffConfig staff(Map<String, String> file, Map<String, String> env) {
        Config root = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(file))
                .addSource(ConfigSources.create(Main.environment(env)))
                .build();
        return StaffConfig.from(root.get("carrel.staff"));
    }
}
